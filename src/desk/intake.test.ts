// Intake against the manifest: what a law does not grant, what the manifest does not declare, refused by field.
import { describe, expect, it } from 'vitest';
import { NIMBUS_MANIFEST } from '../../examples/nimbus-cloud/generator/index.js';
import { compilePolicyFolder, type PolicyModel } from '../policy/index.js';
import { intake, newRequestId, type Submission } from './intake.js';

const nimbus = compilePolicyFolder(NIMBUS_MANIFEST).model as PolicyModel;
// Quebec without the portability right, as a manifest may state it.
const model: PolicyModel = {
  ...nimbus,
  jurisdictions: nimbus.jurisdictions.map((j) => (j.id === 'quebec' ? { ...j, rights: j.rights.filter((r) => r !== 'portability') } : j)),
};
const AT = new Date('2026-11-23T10:00:00Z');
const base: Submission = { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: ['ada@example.com'] } };
const refused = (change: Partial<Submission>) => {
  try {
    intake(model, { ...base, ...change }, ['web', 'api'], AT);
  } catch (error) {
    return error as { code: string; message: string; details: { field: string } };
  }
  throw new Error('expected a refusal');
};

describe('intake', () => {
  it('takes a request in the manifest’s first language, received now, with a fresh id', () => {
    const request = intake(model, { ...base, kind: 'objection', details: { purpose: [...model.purposes.keys()][0] } }, ['web'], AT);
    expect(request).toMatchObject({ kind: 'objection', status: 'received', language: model.languages[0], receivedAt: AT });
    expect(request.id).toMatch(/^req-20261123-[a-z]{10}$/);
    expect(newRequestId(AT)).not.toBe(request.id);
  });

  it('refuses a kind whose right the jurisdiction does not grant, naming the right and what is granted', () => {
    const error = refused({ kind: 'portability', jurisdiction: 'quebec' });
    expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'kind' } });
    expect(error.message).toBe(
      'the manifest grants no portability right where quebec applies: a portability request cannot be made under it (granted: access, rectification, erasure, restriction, objection, withdraw-consent, post-mortem)',
    );
    expect(() => intake(model, { ...base, kind: 'portability' }, ['web'], AT)).not.toThrow();
  });

  it('refuses an undeclared consent purpose, a rectification target the manifest lacks, and a badly typed identity', () => {
    expect(refused({ kind: 'withdraw-consent', details: { consent: 'horoscope' } })).toMatchObject({
      details: { field: 'details.consent' },
      message: expect.stringMatching(/names no consent purpose of the manifest; use one of: prospecting-email, analytics-cookies/),
    });
    expect(
      refused({ kind: 'rectification', details: { changes: [{ target: 'accounts.customers.shoe_size', value: '42' }] } }),
    ).toMatchObject({
      details: { field: 'details.changes[0].target' },
    });
    const typed = refused({ identities: { customer_id: ['not-a-number'] } });
    expect(typed.message).not.toContain('not-a-number');
  });
});
