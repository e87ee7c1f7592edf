// What every renderer section reads: the model, the language, its message table, and the phrases built from both.
import {
  DATA_CLASSES,
  isZeroDuration,
  localize,
  type DataClass,
  type Language,
  type LegalBasis,
  type LegalHoldModel,
  type PlaceModel,
  type PolicyModel,
  type PurposeModel,
  type RetentionRuleModel,
  type SafeguardModel,
  type Text,
} from '../policy/index.js';
import { labelsAgreement } from './i18n/agreement.js';
import { messagesFor, type Messages } from './i18n/index.js';
import { countryName, durationInWords, listInWords, periodInWords, untilInWords } from './words.js';

export interface RenderContext {
  readonly model: PolicyModel;
  readonly lang: Language;
  readonly t: Messages;
  /** Manifest text in the context's language. */
  text(text: Text | undefined): string;
}

export function createContext(model: PolicyModel, lang: Language): RenderContext {
  return { model, lang, t: messagesFor(lang), text: (text) => localize(text, lang) };
}

/** "kept for …" → "Kept for ….": a clause made a sentence. */
export function sentence(clause: string): string {
  const s = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

export function categoryLabel(ctx: RenderContext, key: string): string {
  const c = ctx.model.categories.get(key);
  return c ? ctx.text(c.label) : key;
}

/** Labels run into a sentence: "Name, email address and IP address" (acronyms keep their capitals; `midSentence` lowers the first too). */
export function inSentence(labels: readonly string[], lang: Language, midSentence = false): string {
  const lower = (l: string, i: number) => (i > 0 || midSentence) && /^\p{Lu}\p{Ll}/u.test(l);
  return listInWords(
    labels.map((l, i) => (lower(l, i) ? l.charAt(0).toLowerCase() + l.slice(1) : l)),
    lang,
  );
}

export function categoryLabels(ctx: RenderContext, keys: readonly string[], midSentence = false): string {
  return inSentence(
    keys.map((k) => categoryLabel(ctx, k)),
    ctx.lang,
    midSentence,
  );
}

export function subjectNames(ctx: RenderContext, ids: readonly string[]): string {
  return inSentence(
    ids.map((id) => ctx.text(ctx.model.subjects.get(id)?.name) || id),
    ctx.lang,
  );
}

/**
 * Lower-case retention clause: "kept for 24 months from collection, then deleted", "kept at most 24 months…", "deleted
 * as soon as the request is processed", "not stored permanently; …". Given the categories it is said of, French
 * participles agree with them ("Pièce d'identité : supprimée").
 */
export function retentionClause(ctx: RenderContext, rule: RetentionRuleModel | undefined, categories?: readonly string[]): string {
  const r = ctx.t.notice.retention;
  if (!rule) return r.notStated;
  const agreement = categories === undefined ? undefined : labelsAgreement(categories.map((c) => categoryLabel(ctx, c)));
  if (rule.bound === 'transient' || rule.duration === undefined || rule.trigger === undefined)
    return r.transient(rule.description === undefined ? undefined : ctx.text(rule.description), agreement);
  const period = periodInWords(rule.duration, rule.trigger, ctx.lang);
  const hold = rule.then === undefined ? undefined : ctx.model.legalHolds.get(rule.then);
  const atMost = rule.bound === 'at-most';
  const main = hold
    ? isZeroDuration(rule.duration)
      ? r.keptUntilThenHeld(untilInWords(rule.trigger, ctx.lang), ctx.text(hold.description), agreement)
      : r.keptThenHeld(period, atMost, ctx.text(hold.description), agreement)
    : isZeroDuration(rule.duration)
      ? r.removed(period, rule.action, agreement)
      : atMost
        ? r.keptAtMost(period, rule.action, agreement)
        : r.keptFor(period, rule.action, agreement);
  if (!rule.extendedBy) return main;
  const consent = ctx.text(ctx.model.consent.purposes.get(rule.extendedBy.consent)?.name) || rule.extendedBy.consent;
  const extension = rule.extendedBy.duration;
  return `${main}; ${extension === undefined ? r.extendedOpen(consent) : r.extended(durationInWords(extension, ctx.lang), consent)}`;
}

/**
 * The clause as a sentence (after `lead`, such as "Identity document: ", when given), then the rule's description (a
 * transient rule's is in the clause already).
 */
export function retentionStatement(
  ctx: RenderContext,
  rule: RetentionRuleModel | undefined,
  categories?: readonly string[],
  lead?: string,
): string {
  const clause = retentionClause(ctx, rule, categories);
  const main = lead === undefined ? sentence(clause) : `${lead}${clause}.`;
  const description = rule === undefined || rule.bound === 'transient' ? '' : ctx.text(rule.description);
  return description ? `${main} ${sentence(description)}` : main;
}

/** A hold's period in words: "10 years after the end of the contract", or until the legal periods expire. */
export function holdPeriod(ctx: RenderContext, hold: LegalHoldModel): string {
  return hold.duration === undefined ? ctx.t.notice.retention.untilLegalPeriods : periodInWords(hold.duration, hold.trigger, ctx.lang);
}

/** A place in words: a country's or region's name, or the manifest's text. */
export function placeName(ctx: RenderContext, place: PlaceModel): string {
  switch (place.kind) {
    case 'country':
      return countryName(place.country, ctx.lang);
    case 'region':
      return ctx.t.notice.places.region[place.region];
    case 'text':
      return ctx.text(place.text);
    default:
      return place satisfies never;
  }
}

/** Places joined in words: "Ireland, European Union and the data centres you choose". */
export function placesInWords(ctx: RenderContext, places: readonly PlaceModel[]): string {
  return listInWords(
    places.map((p) => placeName(ctx, p)),
    ctx.lang,
  );
}

/** A safeguard in words: the GDPR's name for it, or the manifest's description. */
export function safeguardName(ctx: RenderContext, safeguard: SafeguardModel): string {
  return safeguard.kind === 'named' ? ctx.t.vocab.safeguard[safeguard.safeguard] : ctx.text(safeguard.description);
}

/** The purpose's own rule, then rules attached to some of its categories (e.g. analytics inside operations). */
export function purposeRetention(
  ctx: RenderContext,
  p: PurposeModel,
): { readonly rule: RetentionRuleModel | undefined; readonly byCategory: readonly { rule: RetentionRuleModel; categories: string[] }[] } {
  const rule = p.retention === undefined ? undefined : ctx.model.retention.get(p.retention);
  // A rule listing categories governs them only under the purposes in its scope (see RetentionRuleModel.scope).
  const byCategory = [...ctx.model.retention.values()]
    .filter((r) => r !== rule && (r.scope === undefined || r.scope.includes(p.id)))
    .map((r) => ({ rule: r, categories: r.categories.filter((c) => p.categories.includes(c)) }))
    .filter((x) => x.categories.length > 0);
  return { rule, byCategory };
}

/**
 * The legal holds that concern a purpose. Holds name categories, not purposes: a hold belongs to the purposes that
 * process all of its categories, or, when no purpose does, to every purpose sharing one of them.
 */
export function purposeHolds(ctx: RenderContext, p: PurposeModel): LegalHoldModel[] {
  const purposes = [...ctx.model.purposes.values()];
  const covers = (q: PurposeModel, h: LegalHoldModel) => h.categories.every((c) => q.categories.includes(c));
  return [...ctx.model.legalHolds.values()].filter((h) =>
    purposes.some((q) => covers(q, h)) ? covers(p, h) : h.categories.some((c) => p.categories.includes(c)),
  );
}

/**
 * Whether the documents speak of legal bases at all: a law in force requires them, or a purpose states one. Under
 * Quebec law or PIPEDA alone, with no basis stated, the notice has no legal-basis column or term.
 */
export function legalBasesShown(ctx: RenderContext): boolean {
  return ctx.model.legalBasisRequired || [...ctx.model.purposes.values()].some((p) => p.legalBases.length > 0);
}

/** One legal basis in plain words, with the interest pursued or the consent asked for. */
function basisText(ctx: RenderContext, p: PurposeModel, basis: LegalBasis): string {
  const m = ctx.t.notice.purposes;
  if (basis === 'legitimate-interest' && p.legitimateInterest) return sentence(m.interest(ctx.text(p.legitimateInterest)));
  if (basis === 'consent' && p.consent !== undefined) {
    return m.consent(ctx.text(ctx.model.consent.purposes.get(p.consent)?.name) || p.consent);
  }
  return ctx.t.vocab.legalBasis[basis].text;
}

/** Each legal basis of a purpose as a sentence, with what it covers when the manifest says ("… — for the duration of the contract."). */
export function legalBasisSentences(ctx: RenderContext, p: PurposeModel): string[] {
  return p.legalBases.map((b) => {
    const text = basisText(ctx, p, b.basis);
    const covers = ctx.text(b.covers);
    return covers ? sentence(`${text.replace(/\.$/, '')} — ${covers.replace(/\.$/, '')}`) : text;
  });
}

/** The legal bases in plain words; "Not stated." where a law in force requires one and none is stated, else nothing. */
export function legalBasisText(ctx: RenderContext, p: PurposeModel): string {
  if (p.legalBases.length === 0) return ctx.model.legalBasisRequired ? ctx.t.notice.purposes.noLegalBasis : '';
  return legalBasisSentences(ctx, p).join(' ');
}

/** The short names of a purpose's bases, for a summary cell ("Contract, Legal obligation"). */
export function legalBasisShort(ctx: RenderContext, p: PurposeModel): string {
  if (p.legalBases.length === 0) return ctx.model.legalBasisRequired ? ctx.t.notice.purposes.noLegalBasis : '—';
  return p.legalBases.map((b) => ctx.t.vocab.legalBasis[b.basis].short).join(', ');
}

/** Categories the provider processes, by class (forbidden ones excluded), each sorted by label. */
export function categoriesByClass(ctx: RenderContext): ReadonlyMap<DataClass, readonly string[]> {
  const m = ctx.model;
  const used = new Set<string>([
    ...[...m.purposes.values()].flatMap((p) => p.categories),
    ...m.index.heldCategories,
    ...[...m.retention.values()].flatMap((r) => r.categories),
    ...[...m.legalHolds.values()].flatMap((h) => h.categories),
  ]);
  const out = new Map<DataClass, string[]>();
  for (const cls of DATA_CLASSES) {
    if (cls === 'forbidden') continue;
    const keys = [...used].filter((k) => m.categories.get(k)?.class === cls);
    if (keys.length > 0)
      out.set(
        cls,
        keys.sort((a, b) => categoryLabel(ctx, a).localeCompare(categoryLabel(ctx, b), ctx.lang)),
      );
  }
  return out;
}

/**
 * The forbidden categories the notice lists, sorted by label: the built-in ones (GDPR art. 9(1) and the card security
 * code) only when the manifest adopts them with `taxonomy.forbidden: default`, and those the manifest declares itself.
 */
export function forbiddenCategories(ctx: RenderContext): readonly string[] {
  return [...ctx.model.categories.values()]
    .filter((c) => c.class === 'forbidden' && (ctx.model.forbiddenListed || !c.builtIn))
    .map((c) => c.key)
    .sort((a, b) => categoryLabel(ctx, a).localeCompare(categoryLabel(ctx, b), ctx.lang));
}
