// Cross-site form posts: the privacy center's forms carry no session, so a same-origin check is their CSRF defence.
import type { FastifyRequest } from 'fastify';

/**
 * True when a form post comes from one of our own pages. A browser says where a post comes from: `Sec-Fetch-Site` (a
 * header no page can set) decides when present; else `Origin`, else `Referer`. Helmet's `Referrer-Policy: no-referrer`
 * makes a browser send `Origin: null` on form posts, which is why Sec-Fetch-Site goes first; `null` without it is
 * refused. A client that sends none of them is not a browser acting for someone on another site (the attack CSRF
 * defends against), so it is let through like the JSON API.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const ours = `${request.protocol}://${request.host}`.toLowerCase();
  const origin = header(request, 'origin');
  if (origin !== undefined) return origin.toLowerCase() === ours;
  const referer = header(request, 'referer');
  if (referer === undefined) return true;
  try {
    return new URL(referer).origin.toLowerCase() === ours;
  } catch {
    return false;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
