// Rules that every id a manifest mentions names something declared (CUS010–CUS016, CUS036).
import type { CollectionModel, FieldModel, PolicyModel, ReferenceModel } from '../model.js';
import type { PathSegment } from '../sources.js';
import { keyPlaceholders } from '../keys.js';
import { didYouMean } from '../suggest.js';
import type { LintContext, LintRule } from './context.js';

type Code = 'CUS010' | 'CUS011' | 'CUS012' | 'CUS013' | 'CUS014' | 'CUS015' | 'CUS016';

/** Reports `id` unless `known` (a map keyed by id) has it. */
function expect(
  ctx: LintContext,
  code: Code,
  kind: string,
  id: string,
  known: ReadonlyMap<string, unknown>,
  path: readonly PathSegment[],
): void {
  if (known.has(id)) return;
  ctx.report(code, `unknown ${kind} "${id}"`, path, didYouMean(id, known.keys()));
}

export const checkPurposeReferences: LintRule = (ctx) => {
  const m = ctx.model;
  for (const p of m.purposes.values()) {
    const at = ['purposes', p.id];
    p.subjects.forEach((s, i) => expect(ctx, 'CUS011', 'subject', s, m.subjects, [...at, 'subjects', i]));
    p.categories.forEach((c, i) => expect(ctx, 'CUS010', 'category', c, m.categories, [...at, 'categories', i]));
    p.recipients.forEach((r, i) => {
      expect(ctx, 'CUS012', 'recipient', r.id, m.recipients, [...at, 'recipients', i]);
      if (r.explicit)
        r.categories.forEach((c, j) => expect(ctx, 'CUS010', 'category', c, m.categories, [...at, 'recipients', i, 'categories', j]));
    });
    if (p.retention !== undefined) expect(ctx, 'CUS014', 'retention rule', p.retention, m.retention, [...at, 'retention']);
    if (p.consent !== undefined) expect(ctx, 'CUS015', 'consent purpose', p.consent, m.consent.purposes, [...at, 'consent']);
  }
};

export const checkCategoryLists: LintRule = (ctx) => {
  const m = ctx.model;
  for (const r of m.recipients.values()) {
    r.categories.forEach((c, i) => expect(ctx, 'CUS010', 'category', c, m.categories, ['recipients', r.id, 'categories', i]));
    r.collects?.categories.forEach((c, i) =>
      expect(ctx, 'CUS010', 'category', c, m.categories, ['recipients', r.id, 'collects', 'categories', i]),
    );
  }
  for (const r of m.retention.values()) {
    r.categories.forEach((c, i) => expect(ctx, 'CUS010', 'category', c, m.categories, ['retention', r.id, 'categories', i]));
    if (r.extendedBy)
      expect(ctx, 'CUS015', 'consent purpose', r.extendedBy.consent, m.consent.purposes, ['retention', r.id, 'extendedBy', 'consent']);
    if (r.then !== undefined) expect(ctx, 'CUS014', 'legal hold', r.then, m.legalHolds, ['retention', r.id, 'then']);
    if (ctx.declared(['retention', r.id, 'purposes']))
      (r.scope ?? []).forEach((id, i) => expect(ctx, 'CUS013', 'purpose', id, m.purposes, ['retention', r.id, 'purposes', i]));
  }
  for (const h of m.legalHolds.values()) {
    h.categories.forEach((c, i) => expect(ctx, 'CUS010', 'category', c, m.categories, ['legalHolds', h.id, 'categories', i]));
  }
  if (m.rights.identityProofRetention !== undefined) {
    expect(ctx, 'CUS014', 'retention rule', m.rights.identityProofRetention, m.retention, ['rights', 'identityProofRetention']);
  }
};

/**
 * The field a timestamp names: `field` of the collection, or a field read through one or two references
 * (`customer_id.closed_at`, `order_id.customer_id.closed_at`), each hop a field of the previous collection that
 * declares `references`. Undefined when any part is missing.
 */
export function resolveTimestamp(
  m: PolicyModel,
  c: CollectionModel,
  spec: string,
): { readonly collection: CollectionModel; readonly field: FieldModel } | undefined {
  const parts = spec.split('.');
  let collection: CollectionModel | undefined = c;
  for (const hop of parts.slice(0, -1)) {
    const ref: ReferenceModel | undefined = collection.fields.get(hop)?.references;
    collection = ref && m.index.collections.get(`${ref.dataset}.${ref.collection}`);
    if (!collection) return undefined;
  }
  const field = collection.fields.get(parts.at(-1) ?? '');
  return field && { collection, field };
}

/** Resolves `field`, `reference_field.parent_field` or `reference_field.parent_reference.field` of a timestamp against the collection graph. */
export function timestampExists(m: PolicyModel, c: CollectionModel, spec: string): boolean {
  return resolveTimestamp(m, c, spec) !== undefined;
}

export const checkDatasetReferences: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    const at = ['datasets', c.dataset, 'collections', c.name];
    const missingField = (name: string, path: readonly PathSegment[], what: string) => {
      if (!c.fields.has(name)) {
        ctx.report(
          'CUS036',
          `${what} "${name}" is not a field of ${c.qualifiedName}`,
          path,
          didYouMean(name, c.fields.keys()) ?? 'declare it under fields',
        );
      }
    };
    c.primaryKey.forEach((k, i) => missingField(k, [...at, 'primaryKey', ...(c.primaryKey.length > 1 ? [i] : [])], 'primary key'));
    for (const [key, field] of c.identity) {
      const fieldDeclared = c.fields.get(field)?.identity === key;
      const path = fieldDeclared ? [...at, 'fields', field, 'identity'] : [...at, 'identity', key];
      expect(ctx, 'CUS016', 'identity', key, m.identities, path);
      if (!fieldDeclared) missingField(field, path, 'identity field');
    }
    for (const [trigger, spec] of Object.entries(c.timestamps)) {
      if (spec !== undefined && !timestampExists(m, c, spec)) {
        ctx.report(
          'CUS036',
          `timestamp "${spec}" for ${trigger} does not name a field${spec.includes('.') ? ' reached through a reference' : ''} of ${c.qualifiedName}`,
          [...at, 'timestamps', trigger],
          'declare the field, or write "reference_field.parent_field" (two hops: "reference_field.parent_reference.field")',
        );
      }
    }
    if (c.restriction) missingField(c.restriction.field, [...at, 'restriction', 'field'], 'restriction field');
    // A key placeholder names a field, or an identity of the collection (then the field holding it).
    for (const name of keyPlaceholders(c.key)) {
      if (!c.identity.has(name)) missingField(name, [...at, 'key'], 'key placeholder');
    }
    if (c.retention !== undefined) expect(ctx, 'CUS014', 'retention rule', c.retention, m.retention, [...at, 'retention']);
    for (const f of c.fields.values()) {
      const fat = [...at, 'fields', f.name];
      if (f.category !== undefined) expect(ctx, 'CUS010', 'category', f.category, m.categories, [...fat, 'category']);
      if (f.hold !== undefined) expect(ctx, 'CUS014', 'legal hold', f.hold, m.legalHolds, [...fat, 'hold']);
      const ref = f.references;
      if (!ref) continue;
      const target = m.index.collections.get(`${ref.dataset}.${ref.collection}`);
      if (!target) {
        const candidates = [...m.index.collections.keys()].map((q) => (q.startsWith(`${c.dataset}.`) ? q.slice(c.dataset.length + 1) : q));
        ctx.report(
          'CUS036',
          `reference to a missing collection "${ref.dataset}.${ref.collection}"`,
          [...fat, 'references'],
          didYouMean(ref.collection, candidates),
        );
      } else if (!target.fields.has(ref.field)) {
        ctx.report(
          'CUS036',
          `reference to a missing field "${ref.field}" of ${target.qualifiedName}`,
          [...fat, 'references'],
          didYouMean(ref.field, target.fields.keys()),
        );
      } else if (!ref.declared) {
        ctx.report(
          'CUS045',
          `${c.name}.${f.name} references ${target.name}.${ref.field} without saying whose row is whose: it is treated as an association, and no request reaches one side through the other`,
          [...fat, 'references'],
          `add link: belongs-to if a row of ${c.name} is the person's whenever the ${target.name} row is theirs (an order of a customer); link: owns if the ${target.name} row is this row's person's unless others reference it too (an address); link: association if it is someone or something else (staff, a product, a shared lookup)`,
        );
      }
    }
  }
};

export const checkOrganizationReferences: LintRule = (ctx) => {
  const m = ctx.model;
  const accounts = m.accounts;
  if (accounts.closure) {
    expect(ctx, 'CUS016', 'identity', accounts.closure.identity, m.identities, ['accounts', 'closure', 'identity']);
    accounts.closure.preconditions.forEach((p, i) => {
      const at = ['accounts', 'closure', 'preconditions', i];
      checkCollectionField(ctx, p.dataset, p.collection, Object.keys(p.when), at, 'when');
    });
  }
  if (accounts.securityContacts) {
    const s = accounts.securityContacts;
    checkCollectionField(ctx, s.dataset, s.collection, s.fields, ['accounts', 'securityContacts'], 'fields');
  }
};

function checkCollectionField(
  ctx: LintContext,
  dataset: string,
  collection: string,
  fields: readonly string[],
  at: readonly PathSegment[],
  fieldsKey: string,
): void {
  const m = ctx.model;
  const ds = m.datasets.get(dataset);
  if (!ds) return expect(ctx, 'CUS016', 'dataset', dataset, m.datasets, [...at, 'dataset']);
  const c = ds.collections.get(collection);
  if (!c) return expect(ctx, 'CUS016', 'collection', collection, ds.collections, [...at, 'collection']);
  fields.forEach((f, i) => {
    if (!c.fields.has(f)) {
      ctx.report(
        'CUS036',
        `"${f}" is not a field of ${c.qualifiedName}`,
        [...at, fieldsKey, fieldsKey === 'when' ? f : i],
        didYouMean(f, c.fields.keys()),
      );
    }
  });
}
