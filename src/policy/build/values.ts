// Small helpers every part of the model is built with: durations parsed once, maps frozen, pairs grouped.
import { parseDuration, type Duration } from '../duration.js';

export const duration = (text: string): Duration => {
  const d = parseDuration(text);
  if (!d) throw new Error(`unparsable duration "${text}" passed schema validation`);
  return d;
};

export const optionalDuration = (text: string | undefined): Duration | undefined => (text === undefined ? undefined : duration(text));

export function freezeMap<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  return new Map(entries);
}

export function groupBy<K, V>(pairs: Iterable<readonly [K, V]>): ReadonlyMap<K, readonly V[]> {
  const out = new Map<K, V[]>();
  for (const [k, v] of pairs) {
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}
