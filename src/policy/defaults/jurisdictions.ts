// Jurisdiction presets from REGULATORY.md: deadlines to answer, extensions, incident notification, rights, legal bases.
import { JURISDICTION_RIGHTS, type JurisdictionId, type JurisdictionRight } from '../vocabulary.js';

type Words = { readonly en: string; readonly fr: string };

export interface JurisdictionPreset {
  readonly name: Words;
  readonly law: Words;
  /** The law as a clause can name it: "where Quebec law applies", "lorsque la loi du Québec s’applique". */
  readonly shortLaw: Words;
  readonly deadline: string;
  /** `none`: the law allows no extension (declaring one is an error). */
  readonly extension: string | 'none';
  /** Undefined where the law sets no fixed time (FADP: "as soon as possible"). */
  readonly breachNotification?: string;
  readonly notes: Words;
  /** Rights the law grants (post-mortem directives follow the manifest's `rights.postMortem`). */
  readonly rights: readonly JurisdictionRight[];
  /** The law makes every processing rest on a stated legal basis (GDPR art. 6, LGPD art. 7). */
  readonly requiresLegalBasis: boolean;
}

export const JURISDICTION_PRESETS: Readonly<Record<JurisdictionId, JurisdictionPreset>> = Object.freeze({
  gdpr: {
    name: { en: 'European Union', fr: 'Union européenne' },
    law: { en: 'General Data Protection Regulation (GDPR)', fr: 'Règlement général sur la protection des données (RGPD)' },
    shortLaw: { en: 'European Union law', fr: 'le droit de l’Union européenne' },
    deadline: 'P1M',
    extension: 'P2M',
    breachNotification: 'PT72H',
    notes: {
      en: 'The extension applies when requests are complex or numerous; you are told within the first month, with reasons. Requests are free.',
      fr: 'La prolongation s’applique aux demandes complexes ou nombreuses ; vous en êtes informé dans le premier mois, motifs à l’appui. Les demandes sont gratuites.',
    },
    rights: JURISDICTION_RIGHTS,
    requiresLegalBasis: true,
  },
  'uk-gdpr': {
    name: { en: 'United Kingdom', fr: 'Royaume-Uni' },
    law: { en: 'UK GDPR and Data Protection Act 2018', fr: 'UK GDPR et Data Protection Act 2018' },
    shortLaw: { en: 'United Kingdom law', fr: 'le droit du Royaume-Uni' },
    deadline: 'P1M',
    extension: 'P2M',
    breachNotification: 'PT72H',
    notes: {
      en: 'The clock may stop while we wait for proof of identity.',
      fr: 'Le délai peut être suspendu dans l’attente d’une preuve d’identité.',
    },
    rights: JURISDICTION_RIGHTS,
    requiresLegalBasis: true,
  },
  quebec: {
    name: { en: 'Quebec', fr: 'Québec' },
    law: {
      en: 'Act respecting the protection of personal information in the private sector',
      fr: 'Loi sur la protection des renseignements personnels dans le secteur privé',
    },
    shortLaw: { en: 'Quebec law', fr: 'la loi du Québec' },
    deadline: 'P30D',
    extension: 'none',
    notes: {
      en: 'No extension is possible; no answer within 30 days counts as a refusal. Viewing is free; reasonable copy fees are announced first.',
      fr: 'Aucune prolongation n’est possible ; l’absence de réponse dans les 30 jours vaut refus. La consultation est gratuite ; des frais raisonnables de copie sont annoncés à l’avance.',
    },
    rights: ['access', 'rectification', 'erasure', 'portability', 'withdraw-consent'],
    requiresLegalBasis: false,
  },
  pipeda: {
    name: { en: 'Canada (federal)', fr: 'Canada (fédéral)' },
    law: {
      en: 'Personal Information Protection and Electronic Documents Act (PIPEDA)',
      fr: 'Loi sur la protection des renseignements personnels et les documents électroniques (LPRPDE)',
    },
    shortLaw: { en: 'Canadian federal law', fr: 'la loi fédérale canadienne' },
    deadline: 'P30D',
    extension: 'P30D',
    notes: {
      en: 'The extension applies for operational reasons or consultations, with notice and reasons.',
      fr: 'La prolongation s’applique pour des raisons opérationnelles ou de consultation, avec avis motivé.',
    },
    rights: ['access', 'rectification', 'withdraw-consent'],
    requiresLegalBasis: false,
  },
  ccpa: {
    name: { en: 'California', fr: 'Californie' },
    law: { en: 'California Consumer Privacy Act (CCPA)', fr: 'California Consumer Privacy Act (CCPA)' },
    shortLaw: { en: 'California law', fr: 'la loi californienne' },
    deadline: 'P45D',
    extension: 'P45D',
    notes: {
      en: 'Receipt is confirmed within 10 business days; opting out of sale or sharing takes effect within 15 business days.',
      fr: 'La réception est confirmée sous 10 jours ouvrables ; l’opposition à la vente ou au partage prend effet sous 15 jours ouvrables.',
    },
    rights: ['access', 'erasure', 'rectification', 'portability', 'objection'],
    requiresLegalBasis: false,
  },
  lgpd: {
    name: { en: 'Brazil', fr: 'Brésil' },
    law: { en: 'Lei Geral de Proteção de Dados (LGPD)', fr: 'Lei Geral de Proteção de Dados (LGPD)' },
    shortLaw: { en: 'Brazilian law', fr: 'la loi brésilienne' },
    deadline: 'P15D',
    extension: 'none',
    notes: { en: 'The full statement is provided within 15 days.', fr: 'La déclaration complète est fournie sous 15 jours.' },
    rights: ['access', 'rectification', 'erasure', 'portability', 'objection', 'withdraw-consent'],
    requiresLegalBasis: true,
  },
  fadp: {
    name: { en: 'Switzerland', fr: 'Suisse' },
    law: { en: 'Federal Act on Data Protection (FADP)', fr: 'Loi fédérale sur la protection des données (LPD)' },
    shortLaw: { en: 'Swiss law', fr: 'la loi suisse' },
    deadline: 'P30D',
    // The ordinance (DPO art. 18) lets the controller defer its answer with reasons and a date, without a maximum:
    // 30 more days is the default a provider can override.
    extension: 'P30D',
    // Breaches are notified to the FDPIC "as soon as possible" (FADP art. 24): no fixed time to state.
    notes: {
      en: 'The deadline may be extended if we tell you, within the 30 days, why and by when we will answer. Access is generally free.',
      fr: 'Le délai peut être prolongé si nous vous indiquons, dans les 30 jours, pourquoi et dans quel délai nous répondrons. L’accès est en principe gratuit.',
    },
    rights: ['access', 'rectification', 'erasure', 'portability', 'objection', 'withdraw-consent'],
    requiresLegalBasis: false,
  },
});
