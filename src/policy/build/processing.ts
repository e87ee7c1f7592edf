// What is processed, why, by whom, where and for how long: purposes, recipients, places, retention rules and legal holds.
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { CONCERNED_BY_REQUEST, type Region, type Safeguard } from '../vocabulary.js';
import { freezeMap, groupBy, optionalDuration } from './values.js';

type LegalBasisSetting = ManifestData['purposes'][string]['legalBasis'];

/** `legalBasis: contract` is short for `legalBasis: [{ basis: contract }]`; unstated, none. */
export function legalBases(setting: LegalBasisSetting): readonly M.PurposeBasis[] {
  if (setting === undefined) return [];
  if (typeof setting === 'string') return [{ basis: setting }];
  return setting.map((b) => Object.freeze({ basis: b.basis, covers: optionalText(b.covers) }));
}

/** The categories declared for a recipient: none listed in advance for one that receives what its request concerns. */
export function declaredCategories(data: ManifestData, recipient: string): readonly string[] {
  const categories = data.recipients[recipient]?.categories ?? [];
  return categories === CONCERNED_BY_REQUEST ? [] : categories;
}

type PlaceText = Parameters<typeof toText>[0];

export function placeModel(
  country: string | undefined,
  region: Region | undefined,
  place: PlaceText | undefined,
): M.PlaceModel | undefined {
  if (country !== undefined) return { kind: 'country', country };
  if (region !== undefined) return { kind: 'region', region };
  return place === undefined ? undefined : { kind: 'text', text: toText(place) };
}

export function safeguardModel(setting: Safeguard | { description: PlaceText } | undefined): M.SafeguardModel | undefined {
  if (setting === undefined) return undefined;
  return typeof setting === 'string'
    ? { kind: 'named', safeguard: setting }
    : { kind: 'described', description: toText(setting.description) };
}

/** Triggers of the rules of purposes that handle requests: the identity-proof rule governs its categories there. */
const REQUEST_TRIGGERS: ReadonlySet<string> = new Set(['request-replied', 'request-processed']);

/**
 * The purposes under which a rule listing categories governs them. Declared `purposes:` win. Otherwise a rule that is
 * some purpose's `retention:` governs its categories in those purposes only, and the identity-proof rule
 * (`rights.identityProofRetention`) in the purposes that handle requests (their own rule counts from the request): so
 * "identity document: deleted once the request is processed" never leaks into another purpose that also holds identity
 * documents. A rule named nowhere keeps governing its categories in every purpose that processes them.
 */
export function ruleScope(data: ManifestData, id: string, r: ManifestData['retention'][string]): readonly string[] | undefined {
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
export function retentionByCategory(
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

export function buildPurposes(data: ManifestData): ReadonlyMap<string, M.PurposeModel> {
  return freezeMap(
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
}

export function buildRetention(data: ManifestData): ReadonlyMap<string, M.RetentionRuleModel> {
  return freezeMap(
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
}

export function buildLegalHolds(data: ManifestData): ReadonlyMap<string, M.LegalHoldModel> {
  return freezeMap(
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
}

export function buildRecipients(data: ManifestData): ReadonlyMap<string, M.RecipientModel> {
  return freezeMap(
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
  );
}

export function buildLocations(data: ManifestData): M.LocationsModel {
  return Object.freeze({
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
  });
}
