// Job payloads carry ids only: a net that refuses what looks like personal data, and failure messages kept short.
import { CustosError } from '../errors.js';
import type { JobPayload } from './queue.js';

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** An id: letters, digits and _ . : / - (no @, no spaces, no +), so e-mail addresses, names and phone numbers stay out. */
const ID = /^[\w.:/-]{1,200}$/;
const MAX_FIELDS = 32;
const MAX_ITEMS = 1000;

function checkScalar(where: string, value: unknown, inList: boolean): void {
  if (typeof value === 'string') {
    if (!ID.test(value))
      throw new CustosError({
        code: 'invalid-input',
        message: `job payload ${where} is not an id (letters, digits, _ . : / -, at most 200): a job carries ids, never personal data`,
      });
    return;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return;
  if (!inList && (typeof value === 'boolean' || value === null)) return;
  throw new CustosError({
    code: 'invalid-input',
    message: `job payload ${where} must be an id, a whole number${inList ? '' : ', a flag, null or a list of ids'}`,
  });
}

/** Refuses with `invalid-input` a payload that is not a flat object of ids, whole numbers, flags and lists of ids. Never repeats a value. */
export function checkPayload(payload: unknown): JobPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || Object.getPrototypeOf(payload) !== Object.prototype)
    throw new CustosError({ code: 'invalid-input', message: 'job payload must be a plain object of ids, e.g. { requestId: "req_1" }' });
  const entries = Object.entries(payload);
  if (entries.length > MAX_FIELDS)
    throw new CustosError({ code: 'invalid-input', message: `job payload has more than ${MAX_FIELDS} fields` });
  for (const [field, value] of entries) {
    if (!FIELD.test(field))
      throw new CustosError({ code: 'invalid-input', message: 'job payload field names are identifiers (letters, digits, _)' });
    if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS)
        throw new CustosError({ code: 'invalid-input', message: `job payload ${field} has more than ${MAX_ITEMS} items` });
      value.forEach((item, i) => checkScalar(`${field}[${i}]`, item, true));
    } else checkScalar(field, value, false);
  }
  return payload as JobPayload;
}

const MAX_MESSAGE = 500;

/** What is kept of a failed attempt: the error's message, its first line, at most 500 characters; never the stack. */
export function failureMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'the handler failed with a non-error value';
  const line = text.split('\n', 1)[0]!.trim() || 'the handler failed without a message';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
