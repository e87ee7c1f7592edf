// Rows of the sessions dataset: the signed-in sessions of one customer (a Redis hash per session in the distributed profile).
import { sha256 } from './formats.js';
import { DAY, type CustomerProfile } from './people.js';
import { Rng, STREAMS } from './random.js';
import type { GenerationContext } from './rows.js';

/** Sessions live 30 days after their last use: only customers who signed in within a month have any. */
export function writeSessions(p: CustomerProfile, ctx: GenerationContext): void {
  if (p.closedAt !== null || p.lastLoginAt === null || p.lastLoginAt < ctx.now - 30 * DAY) return;
  const rng = new Rng(ctx.seed, STREAMS.sessions, p.id);
  for (let i = 1 + rng.count(1); i > 0; i--) {
    const createdAt = Math.max(p.createdAt, ctx.now - rng.int(30 * DAY));
    const device = rng.pick(p.devices);
    ctx.out.write('sessions.sessions', {
      id: ctx.out.nextId('sessions.sessions'),
      customer_id: p.id,
      token_hash: sha256(rng),
      ip: rng.pick(p.ips),
      user_agent: device.userAgent,
      created_at: createdAt,
      last_seen_at: createdAt + rng.int(Math.max(1, ctx.now - createdAt)),
    });
  }
}
