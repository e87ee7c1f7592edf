// Which requests an officer must approve, and which the desk approves itself once the person is verified.
import { CustosError } from '../errors.js';
import { isOneOf, REQUEST_KINDS, requestPhrase, type Actor, type RequestKind } from './kinds.js';

/** `automatic`: approved by the system once verified; `officer`: waits for a privacy officer's decision. */
export const APPROVAL_MODES = ['automatic', 'officer'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export type ApprovalPolicy = Readonly<Record<RequestKind, ApprovalMode>>;

/**
 * Reading and exporting a verified person's own data, pausing processing (restriction) and withdrawing consent harm
 * no one: automatic. What destroys or changes data, or weighs interests (objection), or acts for a deceased person,
 * waits for an officer. Lifting a restriction too: the person must be told before it is lifted.
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = Object.freeze({
  access: 'automatic',
  portability: 'automatic',
  rectification: 'officer',
  erasure: 'officer',
  'account-closure': 'officer',
  restriction: 'automatic',
  'restriction-lift': 'officer',
  objection: 'officer',
  'withdraw-consent': 'automatic',
  'post-mortem': 'officer',
});

/**
 * The approval policy: DEFAULT_APPROVAL_POLICY with `overrides` per kind, frozen. Throws `config` naming an unknown
 * kind or mode.
 */
export function resolveApprovalPolicy(overrides: Readonly<Record<string, string>> = {}): ApprovalPolicy {
  const policy: Record<RequestKind, ApprovalMode> = { ...DEFAULT_APPROVAL_POLICY };
  for (const [kind, mode] of Object.entries(overrides)) {
    if (!isOneOf(REQUEST_KINDS, kind))
      throw new CustosError({
        code: 'config',
        message: `approval.${kind}: no such request kind; use one of ${REQUEST_KINDS.join(', ')}`,
        details: { kind },
      });
    if (!isOneOf(APPROVAL_MODES, mode))
      throw new CustosError({
        code: 'config',
        message: `approval.${kind}: "${mode}" is no approval mode; use ${APPROVAL_MODES.join(' or ')}`,
        details: { kind },
      });
    policy[kind] = mode;
  }
  return Object.freeze(policy);
}

/** Why `actor` may not approve a request of `kind`, or undefined when they may. Officers approve every kind. */
export function approvalRefusal(policy: ApprovalPolicy, kind: RequestKind, actor: Actor): CustosError | undefined {
  if (actor.role === 'officer' || (actor.role === 'system' && policy[kind] === 'automatic')) return undefined;
  return new CustosError({
    code: 'forbidden',
    message: `${capitalised(requestPhrase(kind))} needs ${policy[kind] === 'officer' ? "a privacy officer's approval" : "a privacy officer's or the automatic approval"}; ${actor.role} ${actor.id} cannot approve it`,
    details: { kind, role: actor.role, approval: policy[kind] },
  });
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
