// How a case-insensitive identity value is compared: lower-cased, unless lower-casing would change more than its case.

/**
 * Folds a case-insensitive value to the form lookups use (lower case). Only a value already in Unicode NFKC form is
 * folded: lower-casing a compatibility character turns it into another one (U+212A KELVIN SIGN into an ASCII `k`), so
 * such a value is left as it is, equal to no request value (requests refuse those forms). Connectors fold the values
 * they compare a stored identity to with this same function.
 */
export function foldCase(value: string): string {
  return isPlain(value) ? value.toLowerCase() : value;
}

/** True when neither the value nor its lower case changes under NFKC: folding it changes its case and nothing else. */
export function isPlain(value: string): boolean {
  if (value.normalize('NFKC') !== value) return false;
  const lower = value.toLowerCase();
  return lower === value || lower.normalize('NFKC') === lower;
}
