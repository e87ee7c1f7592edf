// Test support: the jurisdictions a manifest compiles to (every preset, and overrides), and requests received under them.
import { compilePolicy, type Jurisdiction } from '../policy/index.js';
import { testProvider } from '../../test/manifest-header.js';
import { receiveRequest, type NewRightsRequest, type RightsRequest } from './request.js';
import type { Actor } from './kinds.js';

function compileJurisdictions(block: string): readonly Jurisdiction[] {
  const text = `${testProvider('Desk', 'desk').replace('jurisdictions: [gdpr]', `jurisdictions: ${block}`)}
purposes:
  service: { name: Service, description: Running the service, legalBasis: contract, subjects: [customer], categories: [user.contact.email] }`;
  const result = compilePolicy([{ path: 'desk.yaml', text }], { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model) throw new Error(`test manifest does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.model.jurisdictions;
}

/** Every preset as a manifest naming it compiles it, so the tests follow the presets' own deadlines. */
const PRESETS = compileJurisdictions('[gdpr, uk-gdpr, quebec, pipeda, ccpa, lgpd]');

export function preset(id: string): Jurisdiction {
  const found = PRESETS.find((j) => j.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

/** A jurisdiction with a manifest's overrides, e.g. `{ pipeda: { deadline: P20D, extension: none } }`. */
export function overridden(block: string): Jurisdiction {
  const [only] = compileJurisdictions(block);
  if (!only) throw new Error('no jurisdiction');
  return only;
}

export const officer: Actor = { role: 'officer', id: 'dpo' };
export const agent: Actor = { role: 'agent', id: 'desk-1' };
export const system: Actor = { role: 'system', id: 'custos' };
export const requester: Actor = { role: 'requester', id: 'requester' };

/** An access request by e-mail received at `receivedAt` under `jurisdiction` (GDPR by default). */
export function request(overrides: Partial<NewRightsRequest> = {}): RightsRequest {
  return receiveRequest({
    id: 'req-1',
    kind: 'access',
    channel: 'web',
    jurisdiction: preset('gdpr'),
    receivedAt: new Date('2028-01-31T15:00:00Z'),
    identities: { email: ['ada@example.com'] },
    ...overrides,
  });
}
