// The record of processing (GDPR art. 30(1)) as a documented, stably ordered object: the one source of its CSV, JSON and HTML.
import type {
  ContactModel,
  DataClass,
  Language,
  LegalBasis,
  PolicyModel,
  PurposeModel,
  RetentionAction,
  Region,
  RetentionTrigger,
  Safeguard,
  SafeguardModel,
} from '../../policy/index.js';
import {
  categoryLabel,
  createContext,
  legalBasisSentences,
  holdPeriod,
  legalBasisText,
  placeName,
  purposeHolds,
  purposeRetention,
  retentionStatement,
  safeguardName,
  type RenderContext,
} from '../context.js';
import { colon } from '../document/typography.js';
import { dateInWords, isoDuration, listInWords } from '../words.js';
import { homeTerritory, purposeTransfers } from './transfers.js';

/** Contact fields; absent ones are `null` so every record has the same keys. */
export interface RopaContact {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly url: string | null;
}

/** Art. 30(1)(a): the controller, its joint controllers, representative and DPO. */
export interface RopaController {
  readonly name: string;
  readonly legalForm: string | null;
  readonly registration: string | null;
  /** `null` when the manifest states none. */
  readonly address: string | null;
  readonly contact: RopaContact;
  readonly jointControllers: readonly RopaContact[];
  readonly representative: RopaContact | null;
  readonly dpo: RopaContact | null;
}

/** Art. 30(1)(f): one erasure time limit, for all the purpose's data (`categories: null`) or some categories. */
export interface RopaErasure {
  readonly rule: string | null;
  readonly categories: readonly string[] | null;
  /** ISO 8601 duration, e.g. `P24M` (for `atMost: P24M` too); `null` when no rule is declared or the data is transient. */
  readonly duration: string | null;
  /** `exact`, `at-most` or `transient`; `null` when no rule is declared. */
  readonly bound: 'exact' | 'at-most' | 'transient' | null;
  /** The legal hold the data passes under when the period ends (`then:`). */
  readonly then: string | null;
  readonly trigger: RetentionTrigger | null;
  readonly action: RetentionAction | null;
  readonly text: string;
}

/** One processing activity: a purpose with the fields of art. 30(1)(b)–(g), plus its legal basis (art. 6). */
export interface RopaActivity {
  readonly id: string;
  readonly purpose: string;
  readonly description: string;
  /** GDPR art. 13(2)(e): what happens if the person does not provide the data; `null` when not stated. */
  readonly ifRefused: string | null;
  readonly legalBasis: {
    /** Each basis with what it covers (`null` when it does not say); empty when the purpose states none. */
    readonly bases: readonly { readonly code: LegalBasis; readonly covers: string | null; readonly text: string }[];
    /** The bases in words; with none, "Not stated." where a law in force requires one, else that none is required there. */
    readonly text: string;
  };
  readonly dataSubjects: readonly { readonly id: string; readonly name: string }[];
  readonly dataCategories: readonly { readonly key: string; readonly label: string; readonly class: DataClass | null }[];
  readonly recipients: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly categories: readonly string[];
    /** It receives the information its request concerns (an authority): `categories` is then empty. */
    readonly concernedByRequest: boolean;
    readonly countries: readonly string[];
    readonly regions: readonly Region[];
    /** Places in the manifest's words. */
    readonly places: readonly string[];
    /** Every place in words, countries first. */
    readonly where: readonly string[];
    /** The GDPR safeguard's code; `null` when none is declared or it is described in words (`safeguardText`). */
    readonly safeguard: Safeguard | null;
    readonly safeguardText: string | null;
  }[];
  readonly thirdCountryTransfers: readonly {
    /** Exactly one of `country`, `region` and `place` (the manifest's words) says where the data goes. */
    readonly country: string | null;
    readonly region: Region | null;
    readonly place: string | null;
    /** Where, in words: a country's or region's name, or the place. */
    readonly countryName: string;
    /** Recipient id, or `null` for remote access and other transfers declared for the whole provider. */
    readonly recipient: string | null;
    readonly remoteAccess: boolean;
    readonly safeguard: Safeguard | null;
    readonly safeguardText: string | null;
    readonly text: string;
  }[];
  readonly erasure: readonly RopaErasure[];
  readonly legalHolds: readonly {
    readonly id: string;
    readonly categories: readonly string[];
    /** ISO 8601; `null` for a hold kept until the periods the law imposes expire. */
    readonly duration: string | null;
    readonly text: string;
  }[];
  readonly securityMeasures: readonly string[];
}

/**
 * The whole record, as `renderRopa(model, { format: 'json' })` prints it. Keys are English and always present (absent
 * values are `null` or `[]`), in this order; words (names, legal bases, periods) are in `language`, codes beside them.
 */
export interface RopaRecord {
  /** Version of this shape (`/2`: `legalBasis.bases` lists each basis of a purpose, where `/1` had one `code`). */
  readonly format: 'custos-ropa/2';
  readonly language: Language;
  readonly policyVersion: string;
  readonly lastReviewed: string;
  readonly controller: RopaController;
  readonly processingActivities: readonly RopaActivity[];
}

function contact(c: ContactModel): RopaContact {
  return { name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null, address: c.address ?? null, url: c.url ?? null };
}

function activity(ctx: RenderContext, p: PurposeModel, home: ReadonlySet<string>): RopaActivity {
  const m = ctx.model;
  const v = ctx.t.vocab;
  const sep = `${colon(ctx.lang)} `;
  const { rule, byCategory } = purposeRetention(ctx, p);
  const erasure = (r: typeof rule, categories: string[] | null): RopaErasure => ({
    rule: r?.id ?? null,
    categories,
    duration: r?.duration ? isoDuration(r.duration) : null,
    bound: r?.bound ?? null,
    then: r?.then ?? null,
    trigger: r?.trigger ?? null,
    action: r?.action ?? null,
    text: retentionStatement(ctx, r),
  });
  const safeguard = (s: SafeguardModel | undefined) => ({
    safeguard: s?.kind === 'named' ? s.safeguard : null,
    safeguardText: s === undefined ? null : safeguardName(ctx, s),
  });
  const classes = [...new Set(p.categories.map((c) => m.categories.get(c)?.class))].filter(
    (c): c is Exclude<DataClass, 'forbidden'> => c !== undefined && c !== 'forbidden',
  );
  return {
    id: p.id,
    purpose: ctx.text(p.name),
    description: ctx.text(p.description),
    ifRefused: p.ifRefused === undefined ? null : ctx.text(p.ifRefused),
    legalBasis: {
      bases: p.legalBases.map((b, i) => ({
        code: b.basis,
        covers: ctx.text(b.covers) || null,
        text: legalBasisSentences(ctx, p)[i] ?? '',
      })),
      text: legalBasisText(ctx, p) || ctx.t.ropa.basisNotRequired(lawsInForce(ctx)),
    },
    dataSubjects: p.subjects.map((s) => ({ id: s, name: ctx.text(m.subjects.get(s)?.name) || s })),
    dataCategories: p.categories.map((c) => ({ key: c, label: categoryLabel(ctx, c), class: m.categories.get(c)?.class ?? null })),
    recipients: p.recipients.map((share) => {
      const r = m.recipients.get(share.id);
      return {
        id: share.id,
        name: ctx.text(r?.name) || share.id,
        role: r ? v.recipientKind[r.kind] : '',
        categories: share.categories,
        concernedByRequest: r?.concernedByRequest ?? false,
        countries: r?.countries ?? [],
        regions: (r?.places ?? []).flatMap((x) => (x.kind === 'region' ? [x.region] : [])),
        places: (r?.places ?? []).flatMap((x) => (x.kind === 'text' ? [ctx.text(x.text)] : [])),
        where: (r?.places ?? []).map((x) => placeName(ctx, x)),
        ...safeguard(r?.safeguard),
      };
    }),
    thirdCountryTransfers: purposeTransfers(m, p, home).map((t) => {
      const through =
        t.recipient === undefined
          ? ctx.t.notice.places[t.remoteAccess ? 'remoteAccess' : 'transfer']
          : ctx.text(m.recipients.get(t.recipient)?.name) || t.recipient;
      const where = placeName(ctx, t.to);
      return {
        country: t.to.kind === 'country' ? t.to.country : null,
        region: t.to.kind === 'region' ? t.to.region : null,
        place: t.to.kind === 'text' ? where : null,
        countryName: where,
        recipient: t.recipient ?? null,
        remoteAccess: t.remoteAccess,
        ...safeguard(t.safeguard),
        text: ctx.t.ropa.thirdCountry(where, through, t.safeguard === undefined ? v.safeguard.none : safeguardName(ctx, t.safeguard)),
      };
    }),
    erasure: [erasure(rule, null), ...byCategory.map((x) => erasure(x.rule, x.categories))],
    legalHolds: purposeHolds(ctx, p).map((h) => ({
      id: h.id,
      categories: h.categories.filter((c) => p.categories.includes(c)),
      duration: h.duration === undefined ? null : isoDuration(h.duration),
      text: `${ctx.text(h.description)}${sep}${holdPeriod(ctx, h)}${h.law ? ` (${ctx.text(h.law)})` : ''}`,
    })),
    securityMeasures: [
      ...m.organization.security.map((s) => ctx.text(s)),
      // Storage rules only where the manifest publishes them, as the notice does.
      ...classes.flatMap((c) => {
        const stored = ctx.text(m.handling[c].published.store);
        return stored === '' ? [] : [`${v.dataClass[c]}${sep}${stored}`];
      }),
    ],
  };
}

/** "Quebec law and Canadian federal law": the laws in force, for a record that says no basis is required under them. */
function lawsInForce(ctx: RenderContext): string {
  return listInWords(
    ctx.model.jurisdictions.map((j) => ctx.text(j.shortLaw)),
    ctx.lang,
  );
}

/** Builds the record of processing of `model`, its words in `lang`. */
export function buildRopaRecord(model: PolicyModel, lang: Language): RopaRecord {
  const ctx = createContext(model, lang);
  const org = model.organization;
  const home = homeTerritory(model);
  return {
    format: 'custos-ropa/2',
    language: lang,
    policyVersion: org.policy.version,
    lastReviewed: org.policy.lastReviewed,
    controller: {
      name: org.name,
      legalForm: org.legalForm ?? null,
      registration: org.registration ?? null,
      address: org.address ?? null,
      contact: contact(org.contact),
      jointControllers: org.jointControllers.map(contact),
      representative: org.representative ? contact(org.representative) : null,
      dpo: org.dpo ? contact(org.dpo) : null,
    },
    processingActivities: [...model.purposes.values()].map((p) => activity(ctx, p, home)),
  };
}

/** "15 January 2025": the record's review date in words, for the page's lead. */
export function reviewedInWords(record: RopaRecord): string {
  return dateInWords(record.lastReviewed, record.language);
}
