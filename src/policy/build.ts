// Builds the frozen, indexed PolicyModel from a schema-valid manifest. Pure: no I/O, no diagnostics (the linter judges).
import { isAbsolute, resolve } from 'node:path';
import { addDuration, parseDuration, type Duration } from './duration.js';
import { DEFAULT_CATEGORIES } from './defaults/taxonomy.js';
import { DEFAULT_HANDLING } from './defaults/handling.js';
import { JURISDICTION_PRESETS } from './defaults/jurisdictions.js';
import type * as M from './model.js';
import type { ManifestData } from './schema/index.js';
import { optionalText, toText } from './text.js';
import {
  CONCERNED_BY_REQUEST,
  DATA_CLASSES,
  HANDLING_ACTIONS,
  JURISDICTIONS,
  RETENTION_TRIGGERS,
  RIGHTS,
  UNDATED,
  type DataClass,
  type JurisdictionId,
  type ReferenceLink,
  type Right,
  type Region,
  type Safeguard,
} from './vocabulary.js';

type Dataset = ManifestData['datasets'][string];
type Collection = Dataset['collections'][string];

const duration = (text: string): Duration => {
  const d = parseDuration(text);
  if (!d) throw new Error(`unparsable duration "${text}" passed schema validation`);
  return d;
};

const optionalDuration = (text: string | undefined): Duration | undefined => (text === undefined ? undefined : duration(text));

function freezeMap<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  return new Map(entries);
}

function groupBy<K, V>(pairs: Iterable<readonly [K, V]>): ReadonlyMap<K, readonly V[]> {
  const out = new Map<K, V[]>();
  for (const [k, v] of pairs) {
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

export function buildModel(data: ManifestData, baseDir: string, profile?: string): M.PolicyModel {
  const authorities = freezeMap(
    Object.entries(data.organization.authorities ?? {}).map(([id, a]) => [id, Object.freeze({ id, ...a, name: toText(a.name) })]),
  );
  const categories = buildCategories(data);
  const datasets = freezeMap(
    Object.entries(data.datasets).map(([id, ds]) => [id, buildDataset(id, ds, categories, baseDir, profile, foldedIdentities(data))]),
  );
  const purposes = freezeMap(
    Object.entries(data.purposes).map(([id, { legalBasis, ...p }]) => [
      id,
      Object.freeze({
        ...p,
        id,
        legalBases: legalBases(legalBasis),
        name: toText(p.name),
        description: toText(p.description),
        legitimateInterest: optionalText(p.legitimateInterest),
        source: optionalText(p.source),
        automatedDecision: optionalText(p.automatedDecision),
        ifRefused: optionalText(p.ifRefused),
        portable: p.portable ?? legalBases(legalBasis).some((b) => b.basis === 'contract' || b.basis === 'consent'),
        recipients: p.recipients.map((r) =>
          typeof r === 'string'
            ? { id: r, categories: p.categories.filter((c) => declaredCategories(data, r).includes(c)), explicit: false }
            : { id: r.id, categories: r.categories, explicit: true },
        ),
      }),
    ]),
  );
  const retention = freezeMap(
    Object.entries(data.retention).map(([id, r]): [string, M.RetentionRuleModel] => {
      const periodText = r.duration ?? r.atMost;
      return [
        id,
        Object.freeze({
          id,
          description: optionalText(r.description),
          bound: r.transient ? 'transient' : r.atMost !== undefined ? 'at-most' : 'exact',
          duration: optionalDuration(periodText),
          durationText: periodText,
          trigger: r.trigger,
          action: r.action,
          categories: r.categories ?? [],
          scope: ruleScope(data, id, r),
          extendedBy: r.extendedBy && {
            consent: r.extendedBy.consent,
            duration: optionalDuration(r.extendedBy.duration),
            durationText: r.extendedBy.duration,
          },
          then: r.then,
        }),
      ];
    }),
  );
  const legalHolds = freezeMap(
    Object.entries(data.legalHolds).map(([id, h]) => [
      id,
      Object.freeze({
        ...h,
        id,
        description: toText(h.description),
        law: optionalText(h.law),
        duration: optionalDuration(h.duration),
        durationText: h.duration,
      }),
    ]),
  );
  const collections = freezeMap(
    [...datasets.values()].flatMap((ds) => [...ds.collections.values()].map((c) => [c.qualifiedName, c] as const)),
  );
  const fields = [...collections.values()].flatMap((c) => [...c.fields.values()]);
  const index: M.PolicyIndex = Object.freeze({
    purposesByCategory: groupBy([...purposes.values()].flatMap((p) => p.categories.map((c) => [c, p] as const))),
    fieldsByCategory: groupBy(fields.flatMap((f) => (f.category ? [[f.category, f] as const] : []))),
    retentionByCategory: retentionByCategory(purposes, retention),
    holdsByCategory: groupBy([...legalHolds.values()].flatMap((h) => h.categories.map((c) => [c, h] as const))),
    collectionsByIdentity: groupBy([...collections.values()].flatMap((c) => [...c.identity.keys()].map((k) => [k, c] as const))),
    collections,
    heldCategories: new Set(fields.flatMap((f) => (f.category ? [f.category] : []))),
  });
  const org = data.organization;
  const jurisdictions = buildJurisdictions(data, authorities);
  const reviewCycleText = org.policy.reviewCycle;
  const reviewCycle = reviewCycleText === undefined ? undefined : duration(reviewCycleText);
  const model: M.PolicyModel = {
    organization: Object.freeze({
      ...org,
      jointControllers: org.jointControllers ?? [],
      policy: Object.freeze({
        ...org.policy,
        reviewCycle,
        reviewCycleText,
        // Newest first; a stable sort keeps the manifest's order for revisions of one day.
        history: (org.policy.history ?? [])
          .map((h, position) => ({ version: h.version, date: h.date, changes: toText(h.changes), position }))
          .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)),
        nextReview:
          reviewCycle === undefined
            ? undefined
            : addDuration(new Date(`${org.policy.lastReviewed}T00:00:00Z`), reviewCycle)
                .toISOString()
                .slice(0, 10),
      }),
      scope: org.scope && {
        controller: optionalText(org.scope.controller),
        processor: optionalText(org.scope.processor),
        dpaUrl: org.scope.dpaUrl,
      },
      security: (org.security ?? []).map(toText),
    }) as M.OrganizationModel,
    languages: org.languages ?? ['en'],
    jurisdictions,
    grantedRights: RIGHTS.filter((r) => jurisdictions.some((j) => j.rights.includes(r))),
    legalBasisRequired: jurisdictions.some((j) => j.requiresLegalBasis),
    authorities,
    identities: freezeMap(
      Object.entries(data.identities).map(([id, k]) => [
        id,
        Object.freeze({
          id,
          type: k.type,
          label: optionalText(k.label),
          caseInsensitive: k.caseInsensitive ?? k.type === 'email',
          storedLowercase: k.storedLowercase ?? false,
        }),
      ]),
    ),
    categories,
    handling: buildHandling(data),
    forbiddenListed: data.taxonomy?.forbidden !== undefined,
    forbiddenEdits: forbiddenEdits(data),
    subjects: freezeMap(
      Object.entries(data.subjects).map(([id, s]) => [
        id,
        Object.freeze({ id, name: toText(s.name), description: optionalText(s.description) }),
      ]),
    ),
    recipients: freezeMap(
      Object.entries(data.recipients).map(([id, r]) => [
        id,
        Object.freeze({
          ...r,
          id,
          name: toText(r.name),
          description: optionalText(r.description),
          categories: declaredCategories(data, id),
          concernedByRequest: r.categories === CONCERNED_BY_REQUEST,
          collects: r.collects && { categories: r.collects.categories, description: optionalText(r.collects.description) },
          countries: r.countries ?? [],
          places: [
            ...(r.countries ?? []).map((country) => ({ kind: 'country', country }) as const),
            ...(r.regions ?? []).map((region) => ({ kind: 'region', region }) as const),
            ...(r.places ?? []).map((text) => ({ kind: 'text', text: toText(text) }) as const),
          ],
          safeguard: safeguardModel(r.safeguard),
        }) satisfies M.RecipientModel,
      ]),
    ),
    locations: Object.freeze({
      hosting: data.locations.hosting.map((h) => ({
        name: toText(h.name),
        place: placeModel(h.country, h.region, h.place),
        primary: h.primary ?? false,
        customerChosen: h.customerChosen ?? false,
      })),
      transfers: (data.locations.transfers ?? []).map((t) => ({
        // The schema requires exactly one of them (CUS076); a country is the fallback that cannot be reached.
        to: placeModel(t.to, t.region, t.place) ?? { kind: 'country', country: '' },
        description: toText(t.description),
        safeguard: safeguardModel(t.safeguard) ?? { kind: 'named', safeguard: 'none' },
        remoteAccess: t.remoteAccess ?? false,
      })),
      exclusions: (data.locations.exclusions ?? []).map(toText),
    }),
    purposes,
    retention,
    legalHolds,
    consent: Object.freeze({
      purposes: freezeMap(
        Object.entries(data.consent?.purposes ?? {}).map(([id, c]) => [
          id,
          Object.freeze({
            id,
            name: toText(c.name),
            description: toText(c.description),
            expires: c.expires === undefined ? undefined : duration(c.expires),
            expiresText: c.expires,
          }),
        ]),
      ),
      cookies: freezeMap(
        Object.entries(data.consent?.cookies ?? {}).map(([cat, settings]) => [
          cat as keyof NonNullable<NonNullable<ManifestData['consent']>['cookies']>,
          {
            description: toText(settings.description),
            basis: settings.basis ?? 'consent',
            optOut: optionalText(settings.optOut),
            cookies: settings.cookies.map((c) => ({
              ...c,
              provider: optionalText(c.provider),
              lifetime: c.lifetime === undefined ? undefined : duration(c.lifetime),
              lifetimeText: c.lifetime,
              description: optionalText(c.description),
            })),
          } satisfies M.CookieCategoryModel,
        ]),
      ),
      cookiesDeclared: data.consent?.cookies !== undefined,
      cookiePolicy: data.consent?.cookiePolicy,
      thirdPartyCookies: data.consent?.thirdPartyCookies,
      banner: data.consent?.banner ?? false,
    }),
    rights: Object.freeze({
      channels: data.rights?.channels ?? {},
      verification: optionalText(data.rights?.verification),
      postMortem: postMortem(data.rights?.postMortem),
      notifyRecipients: data.rights?.notifyRecipients ?? false,
      identityProofRetention: data.rights?.identityProofRetention,
      fees: optionalText(data.rights?.fees),
      otherAuthorities: data.rights?.otherAuthorities ?? false,
    }),
    datasets,
    accounts: Object.freeze({
      closure: data.accounts?.closure && {
        identity: data.accounts.closure.identity,
        preconditions: data.accounts.closure.preconditions.map((p) => ({
          ...p,
          description: toText(p.description),
          when: Object.fromEntries(Object.entries(p.when).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
        })),
      },
      securityContacts: data.accounts?.securityContacts,
    }),
    index,
    baseDir,
  };
  return Object.freeze(model);
}

type PlaceText = Parameters<typeof toText>[0];

function placeModel(country: string | undefined, region: Region | undefined, place: PlaceText | undefined): M.PlaceModel | undefined {
  if (country !== undefined) return { kind: 'country', country };
  if (region !== undefined) return { kind: 'region', region };
  return place === undefined ? undefined : { kind: 'text', text: toText(place) };
}

function safeguardModel(setting: Safeguard | { description: PlaceText } | undefined): M.SafeguardModel | undefined {
  if (setting === undefined) return undefined;
  return typeof setting === 'string'
    ? { kind: 'named', safeguard: setting }
    : { kind: 'described', description: toText(setting.description) };
}

/** Triggers of the rules of purposes that handle requests: the identity-proof rule governs its categories there. */
const REQUEST_TRIGGERS: ReadonlySet<string> = new Set(['request-replied', 'request-processed']);

/** The categories declared for a recipient: none listed in advance for one that receives what its request concerns. */
function declaredCategories(data: ManifestData, recipient: string): readonly string[] {
  const categories = data.recipients[recipient]?.categories ?? [];
  return categories === CONCERNED_BY_REQUEST ? [] : categories;
}

/**
 * The purposes under which a rule listing categories governs them. Declared `purposes:` win. Otherwise a rule that is
 * some purpose's `retention:` governs its categories in those purposes only, and the identity-proof rule
 * (`rights.identityProofRetention`) in the purposes that handle requests (their own rule counts from the request): so
 * "identity document: deleted once the request is processed" never leaks into another purpose that also holds identity
 * documents. A rule named nowhere keeps governing its categories in every purpose that processes them.
 */
function ruleScope(data: ManifestData, id: string, r: ManifestData['retention'][string]): readonly string[] | undefined {
  if (r.purposes !== undefined) return r.purposes;
  const identityProof = data.rights?.identityProofRetention === id;
  const naming = Object.entries(data.purposes).flatMap(([pid, p]) => {
    if (p.retention === id) return [pid];
    const own = p.retention === undefined ? undefined : data.retention[p.retention];
    return identityProof && own?.trigger !== undefined && REQUEST_TRIGGERS.has(own.trigger) ? [pid] : [];
  });
  return naming.length > 0 || identityProof ? naming : undefined;
}

/**
 * Retention per category: the rules that list it, and the rule of each purpose processing it where none of those
 * governs it under that purpose (a rule listing categories is authoritative for them within its scope). So one purpose
 * can keep tokens 91 days and logs 24 months, and a rule scoped to one purpose leaves the others' rules in force.
 */
function retentionByCategory(
  purposes: ReadonlyMap<string, M.PurposeModel>,
  retention: ReadonlyMap<string, M.RetentionRuleModel>,
): ReadonlyMap<string, readonly M.RetentionRuleModel[]> {
  const listed = groupBy([...retention.values()].flatMap((r) => r.categories.map((c) => [c, r] as const)));
  const governs = (r: M.RetentionRuleModel, purpose: string) => r.scope === undefined || r.scope.includes(purpose);
  const byPurpose = groupBy(
    [...purposes.values()].flatMap((p) => {
      const rule = p.retention === undefined ? undefined : retention.get(p.retention);
      if (!rule) return [];
      return p.categories.filter((c) => !(listed.get(c) ?? []).some((r) => governs(r, p.id))).map((c) => [c, rule] as const);
    }),
  );
  const out = new Map<string, readonly M.RetentionRuleModel[]>(listed);
  for (const [c, rules] of byPurpose) out.set(c, [...new Set([...(listed.get(c) ?? []), ...rules])]);
  return out;
}

function forbiddenEdits(data: ManifestData): M.PolicyModel['forbiddenEdits'] {
  const list = data.taxonomy?.forbidden;
  if (list === undefined || list === 'default') return { add: [], remove: [] };
  return { add: list.add ?? [], remove: list.remove ?? [] };
}

/**
 * Built-in categories, then the manifest's own and re-classed ones, then the forbidden list's edits: an added category is
 * forbidden; a removed one takes the class `taxonomy.categories` gives it, and stays forbidden without one (CUS085).
 */
function buildCategories(data: ManifestData): ReadonlyMap<string, M.CategoryModel> {
  const out = new Map<string, M.CategoryModel>();
  for (const [key, c] of Object.entries(DEFAULT_CATEGORIES)) {
    out.set(key, Object.freeze({ key, class: c.class, label: Object.freeze({ en: c.en, fr: c.fr }), builtIn: true }));
  }
  for (const [key, c] of Object.entries(data.taxonomy?.categories ?? {})) {
    const base = out.get(key);
    out.set(
      key,
      Object.freeze({
        key,
        class: c.class,
        label: c.label ? toText(c.label) : (base?.label ?? toText(key)),
        description: optionalText(c.description),
        builtIn: false,
      }),
    );
  }
  for (const key of forbiddenEdits(data).add) {
    const c = out.get(key);
    if (c) out.set(key, Object.freeze({ ...c, class: 'forbidden' }));
  }
  return out;
}

function buildHandling(data: ManifestData): Readonly<Record<DataClass, M.HandlingRuleModel>> {
  const entries = DATA_CLASSES.map((cls) => {
    const base = DEFAULT_HANDLING[cls];
    const override = data.taxonomy?.handling?.[cls];
    const actions = Object.fromEntries(
      HANDLING_ACTIONS.map((a) => {
        const text = override?.[a];
        return [a, text === undefined ? Object.freeze({ ...base.actions[a] }) : toText(text)];
      }),
    ) as M.HandlingRuleModel['actions'];
    const publish = override?.publish ?? true;
    const published = Object.fromEntries(
      HANDLING_ACTIONS.flatMap((a) => {
        const text = override?.[a];
        if (!publish) return [];
        if (text !== undefined) return [[a, toText(text)]];
        return data.taxonomy?.handlingTexts === 'default' ? [[a, actions[a]]] : [];
      }),
    ) as M.HandlingRuleModel['published'];
    const rule: M.HandlingRuleModel = Object.freeze({
      class: cls,
      actions,
      published,
      publish,
      storage: override?.storage ?? base.storage,
      exportInClear: override?.exportInClear ?? base.exportInClear,
      loggable: override?.loggable ?? base.loggable,
      shareable: override?.shareable ?? base.shareable,
    });
    return [cls, rule] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<DataClass, M.HandlingRuleModel>);
}

type PostMortemSetting = NonNullable<ManifestData['rights']>['postMortem'];

/** `postMortem: destroy` is short for `postMortem: { default: destroy }`; unstated, nothing is said. */
function postMortem(setting: PostMortemSetting): M.RightsModel['postMortem'] {
  if (setting === undefined) return undefined;
  if (typeof setting === 'string') return { default: setting };
  return { default: setting.default, description: optionalText(setting.description) };
}

type LegalBasisSetting = ManifestData['purposes'][string]['legalBasis'];

/** `legalBasis: contract` is short for `legalBasis: [{ basis: contract }]`; unstated, none. */
function legalBases(setting: LegalBasisSetting): readonly M.PurposeBasis[] {
  if (setting === undefined) return [];
  if (typeof setting === 'string') return [{ basis: setting }];
  return setting.map((b) => Object.freeze({ basis: b.basis, covers: optionalText(b.covers) }));
}

type JurisdictionSettingsInput = NonNullable<Exclude<ManifestData['organization']['jurisdictions'], readonly unknown[]>[string]>;

function isPreset(id: string): id is JurisdictionId {
  return (JURISDICTIONS as readonly string[]).includes(id);
}

function buildJurisdictions(data: ManifestData, authorities: ReadonlyMap<string, M.AuthorityModel>): readonly M.Jurisdiction[] {
  const declared = data.organization.jurisdictions;
  const settings: (readonly [string, JurisdictionSettingsInput])[] = Array.isArray(declared)
    ? declared.map((id) => [id, {}] as const)
    : Object.entries(declared);
  const postMortem = data.rights?.postMortem !== undefined;
  return Object.freeze(settings.map(([id, o]) => buildJurisdiction(id, o, authorities, postMortem)));
}

/**
 * A preset with the manifest's overrides, or a custom jurisdiction (the schema has checked that it declares every key a
 * preset would have filled in: the fallbacks below are never reached for a valid manifest).
 */
function buildJurisdiction(
  id: string,
  o: JurisdictionSettingsInput,
  authorities: ReadonlyMap<string, M.AuthorityModel>,
  postMortem: boolean,
): M.Jurisdiction {
  const preset = isPreset(id) ? JURISDICTION_PRESETS[id] : undefined;
  const name = preset?.name ?? toText(o.name ?? id);
  const extensionText = o.extension ?? preset?.extension ?? 'none';
  const breachText = o.breachNotification ?? preset?.breachNotification;
  const complaintsText = o.complaints;
  const deadlineText = o.deadline ?? preset?.deadline ?? 'P30D';
  const notes = o.notes === 'none' ? {} : o.notes === undefined ? (preset?.notes ?? {}) : toText(o.notes);
  const granted = new Set<Right>(o.rights ?? preset?.rights ?? []);
  if (postMortem) granted.add('post-mortem');
  const authority =
    (o.authority === undefined ? undefined : authorities.get(o.authority)) ?? [...authorities.values()].find((a) => a.jurisdiction === id);
  return Object.freeze({
    id,
    preset: preset === undefined ? undefined : (id as JurisdictionId),
    name,
    law: preset?.law ?? toText(o.law ?? id),
    shortLaw: preset?.shortLaw ?? customShortLaw(name),
    deadline: duration(deadlineText),
    deadlineText,
    extension: extensionText === 'none' ? undefined : duration(extensionText),
    extensionText: extensionText === 'none' ? undefined : extensionText,
    breachNotification: breachText === undefined ? undefined : duration(breachText),
    breachNotificationText: breachText,
    complaints: complaintsText === undefined ? undefined : duration(complaintsText),
    complaintsText,
    notes,
    rights: RIGHTS.filter((r) => granted.has(r)),
    requiresLegalBasis: preset?.requiresLegalBasis ?? o.requiresLegalBasis ?? false,
    authority,
    authorityRef: o.authority,
  });
}

/** "Monaco law", "la loi de Monaco" ("d’" before a vowel): the clause a custom jurisdiction's name gives. */
function customShortLaw(name: M.Text): M.Text {
  const fr = (n: string) => (/^[aeiouyàâéèêëîïôûüh]/i.test(n) ? `la loi d’${n}` : `la loi de ${n}`);
  return Object.fromEntries(Object.entries(name).map(([lang, n]) => [lang, lang === 'en' ? `${n} law` : fr(n)])) as M.Text;
}

function parseReference(text: string | undefined, link: ReferenceLink | undefined, dataset: string): M.ReferenceModel | undefined {
  if (text === undefined) return undefined;
  const parts = text.split('.');
  const meaning = { link: link ?? 'association', declared: link !== undefined };
  if (parts.length === 2) return { dataset, collection: parts[0] ?? '', field: parts[1] ?? '', ...meaning };
  return { dataset: parts[0] ?? '', collection: parts[1] ?? '', field: parts[2] ?? '', ...meaning };
}

/** Case-insensitive identities the stores may hold in any case: the fields holding them are compared lower-cased. */
function foldedIdentities(data: ManifestData): ReadonlySet<string> {
  return new Set(
    Object.entries(data.identities).flatMap(([id, k]) =>
      (k.caseInsensitive ?? k.type === 'email') && k.storedLowercase !== true ? [id] : [],
    ),
  );
}

function buildDataset(
  id: string,
  ds: Dataset,
  categories: ReadonlyMap<string, M.CategoryModel>,
  baseDir: string,
  profile: string | undefined,
  folded: ReadonlySet<string>,
): M.DatasetModel {
  const { profiles, ...base } = ds.store;
  const selected = (profile === undefined ? undefined : profiles?.[profile]) ?? base;
  const store: M.StoreModel = Object.freeze({
    ...selected,
    file: selected.file === undefined ? undefined : isAbsolute(selected.file) ? selected.file : resolve(baseDir, selected.file),
    profile: selected === base ? undefined : profile,
  });
  return Object.freeze({
    id,
    description: optionalText(ds.description),
    store,
    collections: freezeMap(Object.entries(ds.collections).map(([name, c]) => [name, buildCollection(id, name, c, categories, folded)])),
  });
}

function buildCollection(
  dataset: string,
  name: string,
  c: Collection,
  categories: ReadonlyMap<string, M.CategoryModel>,
  folded: ReadonlySet<string>,
): M.CollectionModel {
  const provided = c.provided ?? false;
  const foldsCase = (fieldName: string, f: { identity?: string | undefined }) =>
    (f.identity !== undefined && folded.has(f.identity)) ||
    Object.entries(c.identity ?? {}).some(
      ([key, held]) => folded.has(key) && (typeof held === 'string' ? held === fieldName : held.includes(fieldName)),
    );
  const fields = freezeMap(
    Object.entries(c.fields).map(([fieldName, f]) => [
      fieldName,
      Object.freeze({
        ...f,
        name: fieldName,
        dataset,
        collection: name,
        class: f.category === undefined ? undefined : categories.get(f.category)?.class,
        description: optionalText(f.description),
        references: parseReference(f.references, f.link, dataset),
        required: f.required ?? false,
        ...(foldsCase(fieldName, f) ? { foldCase: true } : {}),
        protection: f.protection ?? 'clear',
        provided: f.provided ?? provided,
        violation: f.violation && { reason: toText(f.violation.reason), found: f.violation.found },
      }) satisfies M.FieldModel,
    ]),
  );
  const identityFields = new Map<string, string[]>(
    Object.entries(c.identity ?? {}).map(([key, held]) => [key, typeof held === 'string' ? [held] : [...new Set(held)]]),
  );
  // Fields declaring an identity themselves come in an order that does not depend on the manifest's key order: the
  // one named as the identity first (`email` before `backup_email`), then by name. A collection-level list keeps its order.
  const declaring = [...fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of declaring.sort((a, b) => Number(b.name === b.identity) - Number(a.name === a.identity))) {
    if (f.identity === undefined) continue;
    const held = identityFields.get(f.identity) ?? [];
    if (!held.includes(f.name)) identityFields.set(f.identity, [...held, f.name]);
  }
  const identity = new Map([...identityFields].map(([key, held]): [string, string] => [key, held[0] ?? '']));
  const pk = c.primaryKey === undefined ? (fields.has('id') ? ['id'] : []) : Array.isArray(c.primaryKey) ? c.primaryKey : [c.primaryKey];
  return Object.freeze({
    dataset,
    name,
    qualifiedName: `${dataset}.${name}`,
    description: optionalText(c.description),
    key: c.key,
    type: c.type,
    keyIndex: c.keyIndex,
    primaryKey: pk,
    identity,
    identityFields,
    timestamps: Object.fromEntries(Object.entries(c.timestamps ?? {}).filter(([, spec]) => spec !== UNDATED)),
    undated: RETENTION_TRIGGERS.filter((t) => c.timestamps?.[t] === UNDATED),
    retention: c.retention,
    onErase: c.onErase ?? 'delete-row',
    restriction: c.restriction && {
      field: c.restriction.field,
      value: c.restriction.value ?? true,
      liftValue: c.restriction.liftValue ?? null,
    },
    outbox: c.outbox ?? false,
    thirdParty: c.thirdParty,
    provided,
    fields,
  });
}
