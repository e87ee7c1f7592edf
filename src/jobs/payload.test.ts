// Job payloads are flat ids; failure messages keep one short line.
import { describe, expect, it } from 'vitest';
import { checkPayload, failureMessage } from './payload.js';

describe('job payloads', () => {
  it('accepts ids, whole numbers, flags, null and lists of ids', () => {
    const payload = { requestId: 'req_1', runId: 'run:2026-11-23/1', batch: 3, dryRun: true, note: null, ids: ['a', 2] };
    expect(checkPayload(payload)).toBe(payload);
  });

  it.each([
    [{ requestId: 'req 1' }, 'job payload requestId is not an id'],
    [{ phone: '+33 6 12 34 56 78' }, 'job payload phone is not an id'],
    [{ ids: ['ok', 'a@b.c'] }, 'job payload ids[1] is not an id'],
    [{ amount: 1.5 }, 'job payload amount must be an id, a whole number'],
    [{ nested: { requestId: 'req_1' } }, 'job payload nested must be an id, a whole number'],
    [['req_1'], 'job payload must be a plain object'],
  ])('refuses %j with a message naming the field', (payload, message) => {
    expect(() => checkPayload(payload)).toThrow(message);
  });

  it('keeps the first line of a failure, never the stack, at most 500 characters', () => {
    const error = new Error('smtp refused msg_1\nsecond line');
    expect(failureMessage(error)).toBe('smtp refused msg_1');
    expect(failureMessage(new Error('x'.repeat(900)))).toHaveLength(500);
    expect(failureMessage({ secret: 'p' })).toBe('the handler failed with a non-error value');
  });
});
