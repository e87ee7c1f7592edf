// A write cut to the provider's declared `limits.keys` (protocol 2): calls that each carry at most that many values and
// together select what the one call would have.
import type { Where } from '../connector.js';
import type { CallBody } from './protocol.js';

/** Bodies whose selections hold at most `limit` values each, together selecting what `whole` selects. */
export function splitBody(whole: CallBody, limit: number): CallBody[] {
  const size = (where: Where) => Object.values(where).reduce((n, values) => n + values.length, 0);
  if (Array.isArray(whole.where)) {
    const groups = whole.where as readonly Where[];
    const bodies: CallBody[] = [];
    let chunk: Where[] = [];
    let held = 0;
    for (const group of groups) {
      if (chunk.length > 0 && held + size(group) > limit) {
        bodies.push({ ...whole, where: chunk });
        chunk = [];
        held = 0;
      }
      chunk.push(group);
      held += size(group);
    }
    if (chunk.length > 0) bodies.push({ ...whole, where: chunk });
    return bodies;
  }
  const where = whole.where as Where;
  if (size(where) <= limit) return [whole];
  // The longest list is cut; the other fields' lists go with every piece (an AND), so the pieces select disjoint rows.
  const [field, values] = Object.entries(where).reduce((a, b) => (b[1].length > a[1].length ? b : a));
  const room = Math.max(1, limit - (size(where) - values.length));
  const bodies: CallBody[] = [];
  for (let i = 0; i < values.length; i += room) bodies.push({ ...whole, where: { ...where, [field]: values.slice(i, i + room) } });
  return bodies;
}
