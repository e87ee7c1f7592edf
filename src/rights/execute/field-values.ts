// Validation of values a person asks to write (rectification), by the field's declared type.
import ipaddr from 'ipaddr.js';
import { CustosError } from '../../errors.js';
import type { FieldModel } from '../../policy/index.js';
import { closest } from '../../policy/suggest.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,20}$/;

/** Parses `value` for `field`; throws invalid-input naming the target and the expected type, never the value. */
export function validateFieldValue(field: FieldModel, value: string, target: string): string | number | boolean | null {
  const where = `${field.dataset}.${field.collection}.${field.name}`;
  const reject = (expected: string): never => {
    throw new CustosError({ code: 'invalid-input', message: `${target}: ${where} expects ${expected}`, details: { target, field: where } });
  };
  if (field.protection !== 'clear') reject(`a value stored ${field.protection}, which cannot be rectified in clear`);
  const type = field.type ?? 'string';
  switch (type) {
    case 'email':
      return EMAIL.test(value) ? value.trim() : reject('an email address');
    case 'phone':
      return PHONE.test(value) && value.replace(/\D/g, '').length >= 6 ? value.trim() : reject('a phone number');
    case 'integer':
      return /^-?\d+$/.test(value) ? Number(value) : reject('an integer');
    case 'number':
      return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : reject('a number');
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : reject('true or false');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : reject('a date (YYYY-MM-DD)');
    case 'datetime':
      return !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : reject('an ISO date-time');
    case 'ip':
      return ipaddr.isValid(value) ? value : reject('an IP address');
    case 'json':
      try {
        JSON.parse(value);
        return value;
      } catch {
        return reject('JSON');
      }
    case 'string':
      return value;
    default:
      return type satisfies never;
  }
}

export function didYouMeanField(target: string, fields: readonly FieldModel[]): string {
  const names = [...new Set(fields.flatMap((f) => [f.category ?? '', `${f.dataset}.${f.collection}.${f.name}`]).filter(Boolean))];
  const c = closest(target, names);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}
