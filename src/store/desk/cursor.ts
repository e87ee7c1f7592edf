// Keyset cursors of the desk's lists: the last item's sort key (a day or instant, then an id), opaque to callers.
import { CustosError } from '../../errors.js';

/** The cursor of a page ending at the item sorted by `key` then `id`. */
export const pageCursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** The sort key and id a cursor carries; `invalid-input` on `after` for text no list gave. */
export function readPageCursor(after: string): readonly [string, string] {
  try {
    const [key, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return [key, id];
  } catch {
    // Reported below.
  }
  throw new CustosError({
    code: 'invalid-input',
    message: 'after is not a cursor this list gave: start again from the first page',
    details: { field: 'after' },
  });
}

/** The page size asked for, between 1 and `max` (default 50). */
export const pageLimit = (limit: number | undefined, max: number): number => Math.min(Math.max(1, Math.floor(limit ?? 50)), max);
