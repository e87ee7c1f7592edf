// The Nimbus Cloud sample manifest compiles without a single diagnostic and states the commitments (K1–K8) a DPO looks for first.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compilePolicyFolder,
  DEFAULT_CATEGORIES,
  formatDiagnostic,
  isZeroDuration,
  localize,
  type CollectionModel,
  type Duration,
  type PolicyModel,
  type RetentionRuleModel,
} from '../../src/policy/index.js';

const MANIFEST = fileURLToPath(new URL('./privacy/', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const result = compilePolicyFolder(MANIFEST, { now: NOW });

function model(): PolicyModel {
  if (!result.model) throw new Error(`the manifest did not compile:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.model;
}

function rule(id: string): RetentionRuleModel {
  const r = model().retention.get(id);
  if (!r) throw new Error(`no retention rule "${id}"`);
  return r;
}

function collection(qualifiedName: string): CollectionModel {
  const c = model().index.collections.get(qualifiedName);
  if (!c) throw new Error(`no collection "${qualifiedName}"`);
  return c;
}

const period = (d: Partial<Duration>): Duration => ({ years: 0, months: 0, days: 0, hours: 0, ...d });

/** Collections a request reaches from an identity, following references both ways (what CUS035 checks). */
function reachableFromIdentities(m: PolicyModel): Set<string> {
  const edges = new Map<string, string[]>();
  const link = (a: string, b: string) => edges.set(a, [...(edges.get(a) ?? []), b]);
  for (const c of m.index.collections.values()) {
    for (const f of c.fields.values()) {
      if (!f.references) continue;
      const parent = `${f.references.dataset}.${f.references.collection}`;
      link(c.qualifiedName, parent);
      link(parent, c.qualifiedName);
    }
  }
  const seen = new Set([...m.index.collections.values()].filter((c) => c.identity.size > 0).map((c) => c.qualifiedName));
  const queue = [...seen];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const n of edges.get(next) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

describe('the Nimbus Cloud manifest', () => {
  it('compiles with no error and no warning', () => {
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('moves accounts to PostgreSQL, telemetry to MariaDB and sessions to Redis under the distributed profile, still clean', () => {
    const distributed = compilePolicyFolder(MANIFEST, { now: NOW, profile: 'distributed' });
    expect(distributed.diagnostics.map(formatDiagnostic)).toEqual([]);
    const stores = [...(distributed.model?.datasets.values() ?? [])].map((d) => [d.id, d.store.kind, d.store.url]);
    expect(Object.fromEntries(stores.map(([id, kind, url]) => [id, { kind, url }]))).toEqual({
      accounts: { kind: 'postgres', url: { env: 'NIMBUS_ACCOUNTS_URL' } },
      telemetry: { kind: 'mysql', url: { env: 'NIMBUS_TELEMETRY_URL' } },
      sessions: { kind: 'redis', url: { env: 'NIMBUS_SESSIONS_URL' } },
      recruitment: { kind: 'sqlite', url: undefined },
    });
    const sessions = distributed.model?.index.collections.get('sessions.sessions');
    expect(sessions).toMatchObject({ key: 'session:{customer_id}:{id}', type: 'hash' });
    expect(sessions?.fields.get('token_hash')).toMatchObject({ category: 'user.auth.session', protection: 'hashed' });
  });

  it('refuses a profile no dataset declares instead of checking the base stores, suggesting the near one', () => {
    const typo = compilePolicyFolder(MANIFEST, { now: NOW, profile: 'distribted' });
    expect(typo.ok).toBe(false);
    expect(typo.diagnostics.map((d) => [d.code, d.fix])).toEqual([['CUS043', 'did you mean "distributed"?']]);
    expect(typo.diagnostics[0]?.message).toContain('declared: distributed');
  });

  it('is in force under the GDPR, Quebec law and PIPEDA, each with its authority (K5.3, K5.4)', () => {
    const js = model().jurisdictions;
    expect(js.map((j) => j.id)).toEqual(['gdpr', 'quebec', 'pipeda']);
    expect(js.map((j) => j.authority?.id)).toEqual(['cnil', 'cai', 'opc']);
    expect(js.find((j) => j.id === 'quebec')?.extension).toBeUndefined();
    expect(model().languages).toEqual(['en', 'fr']);
  });

  it('is reviewed yearly and warns once the review is overdue (K1.5)', () => {
    expect(model().organization.policy).toMatchObject({ lastReviewed: '2026-09-15', reviewCycleText: 'P1Y', nextReview: '2027-09-15' });
    const late = compilePolicyFolder(MANIFEST, { now: new Date('2027-10-01T00:00:00Z') });
    expect(late.diagnostics.map((d) => d.code)).toEqual(['CUS038']);
  });

  it('states each K3.1 retention period with its trigger', () => {
    expect(rule('analytics')).toMatchObject({ duration: period({ days: 180 }), trigger: 'collected' });
    expect(rule('application-logs')).toMatchObject({ duration: period({ months: 24 }), trigger: 'collected' });
    expect(rule('connection-data')).toMatchObject({ duration: period({ years: 1 }), trigger: 'collected' });
    expect(rule('api-tokens')).toMatchObject({ duration: period({ days: 91 }), trigger: 'collected' });
    expect(rule('recruitment')).toMatchObject({ duration: period({ months: 12 }), trigger: 'last-contact' });
    expect(rule('recruitment').extendedBy).toMatchObject({ consent: 'talent-pool', duration: period({ months: 12 }) });
    expect(model().consent.purposes.has('talent-pool')).toBe(true);
    expect(rule('request-records')).toMatchObject({ duration: period({ years: 1 }), trigger: 'request-replied' });
    expect(rule('account-data')).toMatchObject({ trigger: 'contract-end' });
    const proof = rule('identity-proof');
    expect(proof.duration && isZeroDuration(proof.duration)).toBe(true);
    expect(proof.trigger).toBe('request-processed');
    expect(model().rights.identityProofRetention).toBe('identity-proof');
  });

  it('applies those periods to the collections that hold the data, with a timestamp for each clock', () => {
    expect(collection('telemetry.analytics_visits').retention).toBe('analytics');
    expect(collection('telemetry.application_logs').retention).toBe('application-logs');
    expect(collection('telemetry.connection_logs').retention).toBe('connection-data');
    expect(collection('accounts.api_tokens').retention).toBe('api-tokens');
    expect(collection('recruitment.applications').timestamps['last-contact']).toBe('last_contact_at');
    expect(collection('accounts.rights_requests').timestamps['request-replied']).toBe('replied_at');
    expect(collection('accounts.identity_documents').timestamps['request-processed']).toBe('request_id.processed_at');
    expect(collection('accounts.customers').timestamps['contract-end']).toBe('closed_at');
  });

  it('keeps invoices ten years under a French legal hold that survives erasure (K3.3)', () => {
    const hold = model().legalHolds.get('accounting-fr');
    expect(hold).toMatchObject({ duration: period({ years: 10 }), trigger: 'collected', categories: ['user.financial.invoice'] });
    expect(localize(hold?.law, 'en')).toMatch(/Code de commerce/);
    const invoices = collection('accounts.invoices');
    expect(invoices.onErase).toBe('mask');
    for (const name of ['number', 'issued_at', 'amount_cents']) {
      expect(invoices.fields.get(name)).toMatchObject({ strategy: 'hold', hold: 'accounting-fr' });
    }
    expect(invoices.fields.get('billing_address')?.strategy).not.toBe('hold');
  });

  it('keeps under each legal hold only the categories that hold names, with a timestamp for its clock', () => {
    const m = model();
    for (const c of m.index.collections.values()) {
      for (const f of [...c.fields.values()].filter((f) => f.strategy === 'hold')) {
        const hold = m.legalHolds.get(f.hold ?? '');
        expect(hold?.categories, `${c.qualifiedName}.${f.name}`).toContain(f.category);
        expect(c.onErase, c.qualifiedName).toBe('mask');
        expect(c.timestamps[hold?.trigger ?? 'collected'], `${c.qualifiedName} ${hold?.trigger}`).toBeDefined();
      }
    }
  });

  it('keeps only half of an IP address for analytics (K4.1)', () => {
    expect(collection('telemetry.analytics_visits').fields.get('ip_prefix')).toMatchObject({ minimise: 'truncate-ip', type: 'ip' });
  });

  it('stores card data only as BIN + last 4 or an encrypted processor token (K1.3)', () => {
    const fields = [...model().index.collections.values()].flatMap((c) => [...c.fields.values()]);
    const cardFields = fields.filter((f) => f.class === 'special' || f.card !== undefined);
    expect(cardFields.map((f) => f.card).sort()).toEqual(['bin-last4', 'token']);
    for (const f of cardFields.filter((f) => f.card === 'token')) expect(f.protection).toBe('encrypted');
    for (const f of fields.filter((f) => f.class === 'high')) expect(['encrypted', 'hashed']).toContain(f.protection);
  });

  it('never holds a field of a forbidden class, and forbids all of GDPR art. 9(1) (K1.4)', () => {
    const m = model();
    const fields = [...m.index.collections.values()].flatMap((c) => [...c.fields.values()]);
    expect(fields.filter((f) => f.class === 'forbidden')).toEqual([]);
    const special = Object.keys(DEFAULT_CATEGORIES).filter((k) => k.startsWith('user.special.'));
    expect(special).toHaveLength(8);
    for (const key of special) expect(m.categories.get(key)?.class).toBe('forbidden');
  });

  it('lets a rights request reach every collection that holds personal data (no CUS035)', () => {
    const reachable = reachableFromIdentities(model());
    const personal = [...model().index.collections.values()].filter((c) => [...c.fields.values()].some((f) => f.category));
    expect(personal.map((c) => c.qualifiedName).filter((q) => !reachable.has(q))).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'CUS035')).toEqual([]);
  });

  it('declares the recipients, what each receives, and where (K2.3, K2.4)', () => {
    const m = model();
    expect(m.recipients.get('kestrel-pay')).toMatchObject({
      countries: ['IE', 'US'],
      safeguard: { kind: 'named', safeguard: 'standard-contractual-clauses' },
    });
    expect(m.recipients.get('nimbus-canada')).toMatchObject({ kind: 'group-company', countries: ['CA'] });
    expect(m.recipients.get('calloway-voice')?.categories).toEqual(['user.contact.phone', 'user.communication.call']);
    for (const p of m.purposes.values()) {
      for (const share of p.recipients) {
        const declared = m.recipients.get(share.id)?.categories ?? [];
        expect(
          share.categories.filter((c) => !declared.includes(c)),
          `${p.id} → ${share.id}`,
        ).toEqual([]);
        expect(share.categories.length, `${p.id} lists ${share.id} but shares nothing with it`).toBeGreaterThan(0);
      }
    }
    expect(m.locations.exclusions.length).toBeGreaterThan(0);
    expect(m.locations.hosting).toMatchObject([
      { place: { kind: 'country', country: 'FR' }, primary: true },
      { place: { kind: 'country', country: 'CA' }, customerChosen: true },
    ]);
    expect(m.locations.transfers.find((t) => t.to.kind === 'country' && t.to.country === 'CA')).toMatchObject({
      remoteAccess: true,
      safeguard: { kind: 'named', safeguard: 'adequacy' },
    });
    expect(m.organization.scope?.processor?.fr).toMatch(/sous-traitant/);
  });

  it('blocks account closure on active services, unpaid invoices and orders in progress, and tracks security contacts (K6)', () => {
    const accounts = model().accounts;
    expect(accounts.closure?.preconditions.map((p) => p.id)).toEqual(['no-active-service', 'no-unpaid-invoice', 'no-order-in-progress']);
    expect(accounts.securityContacts?.fields).toEqual(['email', 'backup_email', 'mobile_phone']);
    expect([...model().index.collections.values()].filter((c) => c.outbox).map((c) => c.qualifiedName)).toEqual([
      'accounts.notification_emails',
    ]);
  });

  it('asks consent per purpose and offers the four cookie categories (K8)', () => {
    const consent = model().consent;
    expect([...consent.purposes.keys()]).toEqual(expect.arrayContaining(['prospecting-email', 'analytics-cookies', 'talent-pool']));
    expect([...consent.cookies.keys()]).toEqual(['strictly-necessary', 'functional', 'analytics', 'targeting']);
    for (const p of model().purposes.values())
      if (p.legalBases.some((b) => b.basis === 'consent')) expect(consent.purposes.has(p.consent ?? '')).toBe(true);
  });

  it('says every purpose in English and French, with a legal basis (K2.1)', () => {
    for (const p of model().purposes.values()) {
      expect(p.legalBases.length, p.id).toBeGreaterThan(0);
      expect(p.name.en && p.name.fr && p.description.en && p.description.fr, p.id).toBeTruthy();
    }
  });
});
