// An OR selection read as several parts (statements, key scans): what tells a row the parts both match from a new one.

/** Notes `identity` in `seen`; false when it was already there (an earlier part returned the row). */
export function firstTime(seen: Set<string>, identity: string): boolean {
  if (seen.has(identity)) return false;
  seen.add(identity);
  return true;
}
