// Receiving a request: what each kind carries, and a clear refusal naming the field for anything missing or wrong.
import { describe, expect, it } from 'vitest';
import { isCustosError } from '../errors.js';
import { preset, request } from './requests.test-support.js';

function refusal(run: () => unknown): { message: string; field: unknown; code: string } {
  try {
    run();
  } catch (error) {
    if (isCustosError(error)) return { message: error.message, field: error.details['field'], code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('receiveRequest', () => {
  it('starts a request as received, with no runs, no pause, and its law’s terms', () => {
    const req = request({ kind: 'erasure', channel: 'api', jurisdiction: preset('quebec') });
    expect(req).toMatchObject({
      id: 'req-1',
      kind: 'erasure',
      channel: 'api',
      jurisdiction: 'quebec',
      status: 'received',
      runs: [],
      pauses: [],
    });
    expect(req.lastRunFailed).toBe(false);
    expect(req.terms.extension).toBeUndefined();
    expect(req.identities).toEqual({ email: ['ada@example.com'] });
    expect(Object.isFrozen(req)).toBe(true);
  });

  it('carries what each kind needs', () => {
    const rectification = request({
      kind: 'rectification',
      details: { changes: [{ target: ' user.contact.email ', value: 'ada@new.example' }] },
    });
    expect(rectification.kind === 'rectification' && rectification.details.changes).toEqual([
      { target: 'user.contact.email', value: 'ada@new.example' },
    ]);
    expect(request({ kind: 'objection', details: { purpose: 'marketing' } }).details).toEqual({ purpose: 'marketing' });
    expect(request({ kind: 'withdraw-consent', details: { consent: 'newsletter' } }).details).toEqual({ consent: 'newsletter' });
    expect(request({ kind: 'post-mortem', details: { directive: 'destroy' } }).details).toEqual({ directive: 'destroy' });
    expect(request({ kind: 'post-mortem' }).details).toEqual({});
    // Details another kind would use are not kept.
    expect(request({ kind: 'access', details: { purpose: 'marketing' } }).details).toEqual({});
  });

  it.each([
    [{ kind: 'deletion' }, 'kind', 'kind must be one of access, portability, rectification, erasure, account-closure'],
    [{ channel: 'fax' }, 'channel', 'channel must be one of web, email, post, api'],
    [{ id: '.hidden' }, 'id', 'the request id must be 1 to 128 letters'],
    [{ id: 'a/b' }, 'id', 'the request id must be 1 to 128 letters'],
    [{ receivedAt: new Date('nope') }, 'receivedAt', 'receivedAt must be a valid instant'],
    [{ identities: {} }, 'identities', 'a request names the person by at least one identity value'],
    [{ identities: { email: [] } }, 'identities', 'a request names the person by at least one identity value'],
    [{ identities: { email: ['ada@example.com', ' '] } }, 'identities.email', 'identity "email" must be a list of non-empty values'],
    [{ kind: 'rectification' }, 'details.changes', 'details.changes is required: at least one { target, value }'],
    [
      { kind: 'rectification', details: { changes: [{ target: 'name' }] } },
      'details.changes[0]',
      'details.changes[0] must be { target, value }',
    ],
    [{ kind: 'objection', details: { purpose: ' ' } }, 'details.purpose', 'details.purpose is required: the id of the purpose objected to'],
    [{ kind: 'withdraw-consent' }, 'details.consent', 'details.consent is required: the id of the consent purpose withdrawn'],
    [
      { kind: 'post-mortem', details: { directive: 'burn' } },
      'details.directive',
      'details.directive must be one of destroy, keep, transfer',
    ],
  ])('refuses %j, naming %s', (overrides, field, message) => {
    const refused = refusal(() => request(overrides));
    expect(refused.code).toBe('invalid-input');
    expect(refused.field).toBe(field);
    expect(refused.message).toContain(message);
    expect(refused.message).not.toContain('ada@example.com');
  });
});
