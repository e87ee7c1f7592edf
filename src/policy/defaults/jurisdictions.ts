// Jurisdiction presets from REGULATORY.md: deadlines to answer, extensions, incident notification, complaint handling.
import type { JurisdictionId } from '../vocabulary.js';

export interface JurisdictionPreset {
  readonly name: { readonly en: string; readonly fr: string };
  readonly law: { readonly en: string; readonly fr: string };
  readonly deadline: string;
  /** `none`: the law allows no extension (declaring one is an error). */
  readonly extension: string | 'none';
  readonly breachNotification?: string;
  readonly notes: { readonly en: string; readonly fr: string };
}

export const JURISDICTION_PRESETS: Readonly<Record<JurisdictionId, JurisdictionPreset>> = Object.freeze({
  gdpr: {
    name: { en: 'European Union', fr: 'Union européenne' },
    law: { en: 'General Data Protection Regulation (GDPR)', fr: 'Règlement général sur la protection des données (RGPD)' },
    deadline: 'P1M',
    extension: 'P2M',
    breachNotification: 'PT72H',
    notes: {
      en: 'The extension applies when requests are complex or numerous; you are told within the first month, with reasons. Requests are free.',
      fr: 'La prolongation s’applique aux demandes complexes ou nombreuses ; vous en êtes informé dans le premier mois, motifs à l’appui. Les demandes sont gratuites.',
    },
  },
  'uk-gdpr': {
    name: { en: 'United Kingdom', fr: 'Royaume-Uni' },
    law: { en: 'UK GDPR and Data Protection Act 2018', fr: 'UK GDPR et Data Protection Act 2018' },
    deadline: 'P1M',
    extension: 'P2M',
    breachNotification: 'PT72H',
    notes: {
      en: 'The clock may stop while we wait for proof of identity.',
      fr: 'Le délai peut être suspendu dans l’attente d’une preuve d’identité.',
    },
  },
  quebec: {
    name: { en: 'Quebec', fr: 'Québec' },
    law: {
      en: 'Act respecting the protection of personal information in the private sector',
      fr: 'Loi sur la protection des renseignements personnels dans le secteur privé',
    },
    deadline: 'P30D',
    extension: 'none',
    notes: {
      en: 'No extension is possible; no answer within 30 days counts as a refusal. Viewing is free; reasonable copy fees are announced first.',
      fr: 'Aucune prolongation n’est possible ; l’absence de réponse dans les 30 jours vaut refus. La consultation est gratuite ; des frais raisonnables de copie sont annoncés à l’avance.',
    },
  },
  pipeda: {
    name: { en: 'Canada (federal)', fr: 'Canada (fédéral)' },
    law: {
      en: 'Personal Information Protection and Electronic Documents Act (PIPEDA)',
      fr: 'Loi sur la protection des renseignements personnels et les documents électroniques (LPRPDE)',
    },
    deadline: 'P30D',
    extension: 'P30D',
    notes: {
      en: 'The extension applies for operational reasons or consultations, with notice and reasons.',
      fr: 'La prolongation s’applique pour des raisons opérationnelles ou de consultation, avec avis motivé.',
    },
  },
  ccpa: {
    name: { en: 'California', fr: 'Californie' },
    law: { en: 'California Consumer Privacy Act (CCPA)', fr: 'California Consumer Privacy Act (CCPA)' },
    deadline: 'P45D',
    extension: 'P45D',
    notes: {
      en: 'Receipt is confirmed within 10 business days; opting out of sale or sharing takes effect within 15 business days.',
      fr: 'La réception est confirmée sous 10 jours ouvrables ; l’opposition à la vente ou au partage prend effet sous 15 jours ouvrables.',
    },
  },
  lgpd: {
    name: { en: 'Brazil', fr: 'Brésil' },
    law: { en: 'Lei Geral de Proteção de Dados (LGPD)', fr: 'Lei Geral de Proteção de Dados (LGPD)' },
    deadline: 'P15D',
    extension: 'none',
    notes: { en: 'The full statement is provided within 15 days.', fr: 'La déclaration complète est fournie sous 15 jours.' },
  },
});
