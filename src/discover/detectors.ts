// Proposes a data category for a column from its name and a few sampled values (checksummed where a checksum exists).
import ipaddr from 'ipaddr.js';
import type { Value } from '../connectors/index.js';
import type { FieldType } from '../policy/index.js';

export interface Proposal {
  readonly category?: string;
  readonly type?: FieldType;
  /** Why: shown as a comment in the draft so a person can check it. */
  readonly reason: string;
  /** Values that must never be stored (a full card number): the draft flags them. */
  readonly alarm?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Luhn checksum: a 13–19 digit string that passes it is very likely a full card number. */
export function isCardNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN mod-97 check (ISO 13616). */
export function isIban(text: string): boolean {
  const s = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of n) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const NAME_RULES: readonly [RegExp, Omit<Proposal, 'reason'>][] = [
  [/(^|_)(password|passwd|pwd)(_hash)?$/i, { category: 'user.auth.password', type: 'string' }],
  [/(api_?)?(token|secret|api_key)(_hash)?$/i, { category: 'user.auth.api-token', type: 'string' }],
  [/(mfa|totp|otp)_?(seed|secret)/i, { category: 'user.auth.mfa-seed', type: 'string' }],
  [/session/i, { category: 'user.auth.session', type: 'string' }],
  [/(backup|secondary)_?email/i, { category: 'user.contact.email-backup', type: 'email' }],
  [/e?mail/i, { category: 'user.contact.email', type: 'email' }],
  [/(phone|mobile|tel)/i, { category: 'user.contact.phone', type: 'phone' }],
  [/(address|street|city|zip|postcode|postal)/i, { category: 'user.contact.address', type: 'string' }],
  [/(first|last|full|given|family|sur)_?name|^name$/i, { category: 'user.identity.name', type: 'string' }],
  [/(birth|dob)/i, { category: 'user.identity.birthdate', type: 'date' }],
  [/(^|_)ip(_?addr(ess)?)?$/i, { category: 'system.network.ip', type: 'ip' }],
  [/(user_?agent|browser|os|device|screen)/i, { category: 'system.device.browser', type: 'string' }],
  [/(iban|bank_?account)/i, { category: 'user.financial.bank-account', type: 'string' }],
  [/(card|pan|bin|last4)/i, { category: 'user.financial.card', type: 'string' }],
  [/(cvv|cvc|security_code)/i, { category: 'user.financial.card-security-code', type: 'string' }],
  [/(handle|username|login)$/i, { category: 'user.account.handle', type: 'string' }],
  [/(customer|user|account)_?id$/i, { category: 'user.account.id', type: 'integer' }],
];

/** Proposes a category from the column name first, then from what the sampled values look like. */
export function proposeCategory(column: string, samples: readonly Value[]): Proposal | undefined {
  const texts = samples.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  if (texts.some(isCardNumber)) {
    return {
      category: 'user.financial.card',
      type: 'string',
      reason: 'sampled values pass the card-number checksum',
      alarm: 'this column appears to hold FULL card numbers, which must never be stored',
    };
  }
  for (const [pattern, proposal] of NAME_RULES)
    if (pattern.test(column)) return { ...proposal, reason: `from the column name "${column}"` };
  if (texts.length === 0) return undefined;
  const all = (test: (t: string) => boolean) => texts.every(test);
  if (all((t) => EMAIL.test(t)))
    return { category: 'user.contact.email', type: 'email', reason: 'sampled values look like email addresses' };
  if (all(isIpAddress)) return { category: 'system.network.ip', type: 'ip', reason: 'sampled values are IP addresses' };
  if (all(isIban)) return { category: 'user.financial.bank-account', type: 'string', reason: 'sampled values pass the IBAN checksum' };
  return undefined;
}

/**
 * An address as stores keep them: IPv4 in four decimal parts, or IPv6. (ipaddr.js also reads `7` or `0x7f000001` as IPv4,
 * which would take every numeric id for an address.)
 */
function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

/** A field type from a database column type. */
export function fieldTypeOf(dataType: string): FieldType {
  const t = dataType.toLowerCase();
  if (/int|serial/.test(t)) return 'integer';
  if (/real|double|float|numeric|decimal/.test(t)) return 'number';
  if (/bool/.test(t)) return 'boolean';
  if (/timestamp|datetime/.test(t)) return 'datetime';
  if (/^date$/.test(t)) return 'date';
  if (/json/.test(t)) return 'json';
  if (/inet/.test(t)) return 'ip';
  return 'string';
}
