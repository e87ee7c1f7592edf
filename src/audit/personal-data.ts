// The guard that keeps personal data out of the audit trail: values that look like an e-mail address or a phone number.

export const PERSONAL_DATA_LOOKS = ['an e-mail address', 'a phone number'] as const;
export type PersonalDataLook = (typeof PERSONAL_DATA_LOOKS)[number];

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]{2,}/;
/** A run of digits with the separators phone numbers are written with; its digits are counted below. */
const DIGIT_RUN = /\+?\(?\d[\d\s().-]*\d/g;
const SEPARATOR = /[\s().-]/g;

/**
 * What `text` looks like, if it looks like personal data. A phone number is an international one (`+` and 8–15 digits)
 * or 9–15 digits written in groups (`06 12 34 56 78`, `(555) 123-4567`). A bare run of digits is not one: ids and
 * timestamps are written that way, and a longer run (a UUID of digits) is not a phone number either.
 */
export function personalDataLook(text: string): PersonalDataLook | undefined {
  if (EMAIL.test(text)) return 'an e-mail address';
  for (const [run] of text.matchAll(DIGIT_RUN)) {
    const digits = run.replace(/\D/g, '').length;
    const separators = run.match(SEPARATOR)?.length ?? 0;
    if (run.startsWith('+') && digits >= 8 && digits <= 15) return 'a phone number';
    if (separators >= 2 && digits >= 9 && digits <= 15) return 'a phone number';
  }
  return undefined;
}
