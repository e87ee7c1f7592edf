// What a provider says it answers: protocol 2's ping answer names its operations and limits; a provider that says nothing
// (protocol 1: a 404, or any other answer to ping) answers the four data operations, and nothing more is asked of it.
import { CustosError } from '../../errors.js';

/** The operations every provider answers since protocol 1. */
export const PROTOCOL_1_OPERATIONS = ['find', 'count', 'update', 'delete'] as const;

/** Protocol 2 adds `list`: a whole collection read page by page after a key (retention plans and sweeps read it). */
export const PROTOCOL_2_OPERATIONS = [...PROTOCOL_1_OPERATIONS, 'list'] as const;

export interface ProviderProtocol {
  readonly version: number;
  readonly operations: ReadonlySet<string>;
  /** The most rows the provider sends in one `list` page (absent: what Custos asks, 1,000 by default). */
  readonly pageLimit?: number | undefined;
  /** The most values the provider takes in one call's selection (absent: no limit; Custos then sends at most 10,000). */
  readonly keysLimit?: number | undefined;
}

export const PROTOCOL_1: ProviderProtocol = Object.freeze({ version: 1, operations: new Set<string>(PROTOCOL_1_OPERATIONS) });

/**
 * The protocol a ping answer declares: `{ "protocol": 2, "operations": [...], "limits": { "page": n, "keys": n } }`.
 * An answer without `protocol` (protocol 1's `{}` or `{ "ok": true }`, or no JSON) is protocol 1; one that declares a
 * protocol in a shape Custos cannot read is CustosError('store-error') naming what is wrong, never guessed at.
 */
export function protocolOf(answer: unknown, label: string): ProviderProtocol {
  if (typeof answer !== 'object' || answer === null || !('protocol' in answer)) return PROTOCOL_1;
  const { protocol, operations, limits } = answer as { protocol: unknown; operations?: unknown; limits?: unknown };
  if (typeof protocol !== 'number' || !Number.isInteger(protocol) || protocol < 1)
    throw badDeclaration(label, '"protocol" as a whole number');
  if (!Array.isArray(operations) || !operations.every((op) => typeof op === 'string'))
    throw badDeclaration(label, '"operations" as a list of names');
  const declared = (limits ?? {}) as { page?: unknown; keys?: unknown };
  if (typeof declared !== 'object' || declared === null) throw badDeclaration(label, '"limits" as an object');
  return Object.freeze({
    version: protocol,
    // Protocol 1's operations stay answered whatever a newer provider lists: Custos never stops using them.
    operations: new Set<string>([...PROTOCOL_1_OPERATIONS, ...(operations as string[])]),
    pageLimit: limitOf(declared.page, 'limits.page', label),
    keysLimit: limitOf(declared.keys, 'limits.keys', label),
  });
}

function limitOf(value: unknown, name: string, label: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw badDeclaration(label, `"${name}" as a positive whole number`);
  return value;
}

function badDeclaration(label: string, expected: string): CustosError {
  return new CustosError({
    code: 'store-error',
    message: `${label}: the provider's ping answer declares a protocol but not ${expected}`,
    details: { reason: 'bad-response' },
  });
}
