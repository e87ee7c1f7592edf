// The approval policy: who approves which kind, by default and as a provider overrides it.
import { describe, expect, it } from 'vitest';
import { isCustosError } from '../errors.js';
import { approvalRefusal, DEFAULT_APPROVAL_POLICY, resolveApprovalPolicy } from './approval.js';
import { REQUEST_KINDS } from './kinds.js';

describe('resolveApprovalPolicy', () => {
  it('approves access, portability, restriction and consent withdrawal automatically, and waits for an officer otherwise', () => {
    const policy = resolveApprovalPolicy();
    expect(REQUEST_KINDS.filter((k) => policy[k] === 'automatic')).toEqual(['access', 'portability', 'restriction', 'withdraw-consent']);
    expect(REQUEST_KINDS.filter((k) => policy[k] === 'officer')).toEqual([
      'rectification',
      'erasure',
      'account-closure',
      'restriction-lift',
      'objection',
      'post-mortem',
    ]);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('takes overrides per kind, leaving the others at their default', () => {
    const policy = resolveApprovalPolicy({ portability: 'officer', rectification: 'automatic' });
    expect(policy).toEqual({ ...DEFAULT_APPROVAL_POLICY, portability: 'officer', rectification: 'automatic' });
    expect(DEFAULT_APPROVAL_POLICY.portability).toBe('automatic');
  });

  it.each([
    [{ deletion: 'officer' }, 'approval.deletion: no such request kind; use one of access, portability'],
    [{ erasure: 'never' }, 'approval.erasure: "never" is no approval mode; use automatic or officer'],
  ])('refuses %j with a config error naming the entry', (overrides, message) => {
    try {
      resolveApprovalPolicy(overrides);
      expect.unreachable();
    } catch (error) {
      expect(isCustosError(error) && error.code).toBe('config');
      expect((error as Error).message).toContain(message);
    }
  });
});

describe('approvalRefusal', () => {
  it('lets an officer approve any kind, and nobody but the system or an officer approve an automatic one', () => {
    const policy = resolveApprovalPolicy();
    for (const kind of REQUEST_KINDS) expect(approvalRefusal(policy, kind, { role: 'officer', id: 'dpo' })).toBeUndefined();
    expect(approvalRefusal(policy, 'access', { role: 'system', id: 'custos' })).toBeUndefined();
    expect(approvalRefusal(policy, 'access', { role: 'agent', id: 'desk-1' })?.message).toBe(
      "An access request needs a privacy officer's or the automatic approval; agent desk-1 cannot approve it",
    );
    expect(approvalRefusal(policy, 'account-closure', { role: 'system', id: 'custos' })?.code).toBe('forbidden');
  });
});
