// The planner on cycles of ownership links: never a lookup without a condition, never a route dropped without a word.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/index.js';
import { planRequest } from './planner.js';

const MANIFEST = (links: string) => `
organization: { name: Cycle Test, address: 1 rue du Test, contact: { email: privacy@cycle.example }, jurisdictions: [gdpr], policy: { version: '1', lastReviewed: '2026-10-01' } }
identities: { email: { type: email } }
subjects: { customer: { name: Customers } }
locations: { hosting: [{ name: Paris, country: FR, primary: true }] }
retention: { account: { duration: P1Y, trigger: collected } }
purposes:
  contract: { name: Contract, description: Runs it, legalBasis: contract, subjects: [customer], categories: [user.contact.email, user.relationship.order], retention: account }
datasets:
  app:
    store: { kind: sqlite, file: app.db }
    collections:
${links}
`;

function plan(collections: string) {
  const result = compilePolicy([{ path: 'm.yaml', text: MANIFEST(collections) }], {
    baseDir: '/tmp',
    now: new Date('2026-11-23T00:00:00Z'),
  });
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return planRequest(result.model, { action: 'erase', identityKeys: ['email'] });
}

describe('a cycle of ownership links', () => {
  it('looks up first the collection the request can find by identity, whatever the names, and says which route the cycle cut', () => {
    // a (first by name) belongs to b; b, found by e-mail, belongs to a: b must be looked up first.
    const p = plan(`
      a:
        timestamps: { collected: at }
        fields:
          id: { type: integer }
          b_id: { type: integer, references: b.id, link: belongs-to }
          item: { category: user.relationship.order }
          at: { type: datetime }
      b:
        timestamps: { collected: at }
        fields:
          id: { type: integer }
          email: { type: email, category: user.contact.email, identity: email }
          a_id: { type: integer, references: a.id, link: belongs-to }
          at: { type: datetime }`);
    expect(p.lookups.map((l) => l.collection)).toEqual(['app.b', 'app.a']);
    expect(p.lookups.every((l) => l.routes.length > 0)).toBe(true);
    expect(p.unreachable).toEqual([]);
    expect(p.notes.join('\n')).toContain(
      'app.b is looked up before app.a (a cycle of ownership links), so it is not reached through app.b.a_id',
    );
  });
});
