// Proposes a data category for a column from the words of its name and a few sampled values (checksummed where a checksum exists).
import ipaddr from 'ipaddr.js';
import type { Value } from '../connectors/index.js';
import type { FieldType } from '../policy/index.js';
import { fieldTypeOf, holdsText } from './field-types.js';
import { ADDRESS_PARTS, BARE_NAME, BARE_TITLE, CIVILITIES, NAME_RULES, type RuleScope } from './name-rules.js';
import { findPhrase, wordsOf } from './words.js';

export interface Proposal {
  readonly category?: string;
  readonly type?: FieldType;
  /** Where the category holds: anywhere, on a person's rows only, or on a table that looks like people only. */
  readonly scope: RuleScope;
  /** The column says its table holds people (an e-mail, a first or last name). */
  readonly marksPeople?: boolean;
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

/** What the draft knows about a column besides its name and samples. */
export interface ColumnContext {
  /** The store's type: a date, a time or a flag is never an e-mail or a name (default: text). */
  readonly dataType?: string;
  /** Another column of the table names an address (street, city, postal code): `state` and `country` are parts of it there. */
  readonly besideAddress?: boolean;
}

/** Proposes a category from the column's name (word by word) first, then from what the sampled values look like. */
export function proposeCategory(column: string, samples: readonly Value[], context: ColumnContext = {}): Proposal | undefined {
  const texts = samples.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  if (texts.some(isCardNumber)) {
    return {
      category: 'user.financial.card',
      type: 'string',
      scope: 'any',
      reason: 'sampled values pass the card-number checksum',
      alarm: 'this column appears to hold FULL card numbers, which must never be stored',
    };
  }
  const byName = proposeFromName(column, texts, context);
  if (byName !== undefined) return byName;
  if (texts.length === 0 || (context.dataType !== undefined && !holdsText(context.dataType))) return undefined;
  const all = (test: (t: string) => boolean) => texts.every(test);
  if (all((t) => EMAIL.test(t)))
    return {
      category: 'user.contact.email',
      type: 'email',
      scope: 'any',
      marksPeople: true,
      reason: 'sampled values look like email addresses',
    };
  if (all(isIpAddress)) return { category: 'system.network.ip', type: 'ip', scope: 'any', reason: 'sampled values are IP addresses' };
  if (all(isIban))
    return { category: 'user.financial.bank-account', type: 'string', scope: 'any', reason: 'sampled values pass the IBAN checksum' };
  return undefined;
}

function proposeFromName(column: string, texts: readonly string[], context: ColumnContext): Proposal | undefined {
  const words = wordsOf(column);
  const type = fieldTypeOf(context.dataType ?? 'text');
  // A flag (email_verified) says something about a value, it does not hold it.
  if (type === 'boolean') return undefined;
  const dated = type === 'date' || type === 'datetime';
  const key = words.length > 1 && words.at(-1) === 'id';
  for (const rule of NAME_RULES) {
    if ((dated && !rule.onDates) || (key && !rule.onKeys)) continue;
    const phrase = findPhrase(words, rule.phrases);
    if (phrase === undefined) continue;
    const reason = `the column name says "${phrase}"${rule.note ? ` (${rule.note})` : ''}`;
    return {
      category: rule.category,
      ...(rule.type ? { type: rule.type } : {}),
      scope: rule.scope,
      reason,
      ...(rule.marksPeople ? { marksPeople: true } : {}),
    };
  }
  if (findPhrase(words, ACCOUNT_IDS) !== undefined && key)
    return { category: 'user.account.id', scope: 'any', reason: `the column name says "${words.join(' ')}"` };
  if (dated || key) return undefined;
  const part = findPhrase(words, ADDRESS_PARTS);
  if (part !== undefined) {
    return context.besideAddress
      ? { category: 'user.contact.address', type: 'string', scope: 'person', reason: `"${part}", beside the address columns` }
      : {
          category: 'user.contact.address',
          type: 'string',
          scope: 'people',
          reason: `the column name says "${part}" (part of an address)`,
        };
  }
  const whole = words.join(' ');
  if (BARE_NAME.includes(whole))
    return { category: 'user.identity.name', type: 'string', scope: 'people', reason: `"${whole}", on a table that looks like people` };
  if (BARE_TITLE.includes(whole)) {
    return texts.length > 0 && texts.every((t) => CIVILITIES.test(t.trim()))
      ? { category: 'user.identity.civility', type: 'string', scope: 'people', reason: 'a title whose sampled values are civilities' }
      : {
          category: 'user.identity.company',
          type: 'string',
          scope: 'people',
          reason: 'a title on a table that looks like people: a job title',
        };
  }
  return undefined;
}

/** Ids that name a person's account wherever they appear (when no reference says otherwise). */
const ACCOUNT_IDS = ['customer', 'user', 'account', 'member', 'client', 'subscriber'];

/** Sampled values all look like password hashes (bcrypt, argon2, scrypt, PBKDF2 strings, or long hex digests). */
export function looksHashed(samples: readonly Value[]): boolean {
  const texts = samples.filter((v): v is string => typeof v === 'string');
  return (
    texts.length > 0 &&
    texts.every((t) => /^\$(2[abxy]?|argon2(id?|d)|scrypt|pbkdf2[\w-]*|[156])\$/.test(t) || /^[0-9a-f]{40,128}$/i.test(t))
  );
}

/**
 * An address as stores keep them: IPv4 in four decimal parts, or IPv6. (ipaddr.js also reads `7` or `0x7f000001` as IPv4,
 * which would take every numeric id for an address.)
 */
function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}
