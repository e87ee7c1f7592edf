// The entry guard: ids and counts pass; personal data, free text, fractions and unknown words are refused by field.
import { describe, expect, it } from 'vitest';
import { CustosError } from '../errors.js';
import { checkNewEntry, type NewAuditEntry } from './entry.js';

const viewed: NewAuditEntry = {
  actor: { kind: 'staff', id: 'u_7' },
  action: 'person-data.viewed',
  subjects: { request: 'req_1', person: 'p_42' },
  details: { collections: ['crm.people', 'billing.invoices'], rows: 12, partial: false },
};

function refusal(entry: unknown): CustosError {
  try {
    checkNewEntry(entry as NewAuditEntry);
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('the entry was accepted');
}

describe('checkNewEntry', () => {
  it('keeps ids, counts, flags and lists of them, and only the fields the log stores', () => {
    expect(checkNewEntry({ ...viewed, extra: 'dropped' } as NewAuditEntry)).toEqual({
      actor: { kind: 'staff', id: 'u_7' },
      action: 'person-data.viewed',
      subjects: { request: 'req_1', person: 'p_42' },
      details: { collections: ['crm.people', 'billing.invoices'], rows: 12, partial: false },
    });
    expect(checkNewEntry({ actor: { kind: 'system', id: 'retention' }, action: 'retention.swept' })).toMatchObject({
      subjects: {},
      details: {},
    });
  });

  it('refuses an e-mail address in the details, naming the field and never repeating the address', () => {
    const error = refusal({ ...viewed, details: { contact: 'ada@example.com' } });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      "audit entry: details.contact looks like an e-mail address; an audit entry carries ids and counts, never personal data: record the person's or request's id instead",
    );
    expect(error.message).not.toContain('ada@');
    expect(JSON.stringify(error.details)).not.toContain('ada@');
  });

  it('refuses a phone number anywhere an id goes: details, list items, subjects, the actor', () => {
    expect(refusal({ ...viewed, details: { called: ['+33 6 12 34 56 78'] } }).message).toMatch(
      /^audit entry: details\.called\[0\] looks like a phone number;/,
    );
    expect(refusal({ ...viewed, subjects: { person: '06 12 34 56 78' } }).message).toMatch(
      /^audit entry: subjects\.person looks like a phone number;/,
    );
    expect(refusal({ ...viewed, actor: { kind: 'person', id: 'ada@example.com' } }).message).toMatch(
      /^audit entry: actor\.id looks like an e-mail/,
    );
    expect(refusal({ ...viewed, details: { 'ada@example.com': 1 } }).message).toMatch(/^audit entry: details key is not/);
  });

  it('refuses free text longer than an id, fractions, nested objects and words outside the vocabularies', () => {
    expect(refusal({ ...viewed, details: { note: 'x'.repeat(201) } }).message).toBe(
      'audit entry: details.note is 201 characters long; an id has at most 200; record an id, not a text',
    );
    expect(refusal({ ...viewed, details: { share: 0.5 } }).message).toBe(
      'audit entry: details.share is not a whole number; record counts as whole numbers',
    );
    expect(refusal({ ...viewed, details: { person: { name: 'Ada' } } }).message).toMatch(/^audit entry: details\.person is neither an id/);
    expect(refusal({ ...viewed, action: 'request.deleted' }).message).toMatch(
      /^audit entry: action is not an audit action; use one of request\.created,/,
    );
    expect(refusal({ ...viewed, actor: { kind: 'robot', id: 'x' } }).message).toBe(
      'audit entry: actor.kind is not one of staff, person, system, api-key; name who acted with one of these kinds',
    );
    expect(refusal({ ...viewed, subjects: { email: 'x' } }).message).toMatch(/^audit entry: subjects\.email is not a subject kind/);
    expect(refusal({ ...viewed, subjects: { request: '' } }).message).toBe(
      'audit entry: subjects.request is not a non-empty text; give an id',
    );
  });
});
