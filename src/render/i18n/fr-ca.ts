// Quebec French message table: the French one with Quebec's terms (renseignements personnels, témoins, responsable de la protection).
import { fr } from './fr.js';
import type { Messages } from './messages.js';

export const frCA: Messages = {
  ...fr,
  vocab: {
    ...fr.vocab,
    cookieCategory: {
      'strictly-necessary': 'Témoins strictement nécessaires',
      functional: 'Témoins fonctionnels',
      analytics: 'Témoins de mesure d’audience',
      targeting: 'Témoins publicitaires et de ciblage',
    },
  },
  notice: {
    ...fr.notice,
    controller: {
      ...fr.notice.controller,
      intro: (org) =>
        `Cette politique vous explique quels renseignements personnels ${org} traite, pourquoi, pendant combien de temps, qui les reçoit, où ils sont hébergés et comment exercer vos droits.`,
      identity: (o) =>
        `${o.name}${o.legalForm ? `, ${o.legalForm}` : ''}${o.registration ? `, immatriculée sous le numéro ${o.registration}` : ''}${o.address ? ` (siège social : ${o.address})` : ''} est responsable de vos renseignements personnels.`,
      dpoHeading: 'Responsable de la protection des renseignements personnels',
      dpoIntro:
        'Notre responsable de la protection des renseignements personnels répond à toute question sur vos renseignements personnels et vos droits :',
    },
    purposes: { ...fr.notice.purposes, ifRefused: 'Si vous ne fournissez pas ces renseignements' },
    rights: {
      ...fr.notice.rights,
      introWithoutBasis:
        'Vous disposez des droits suivants sur vos renseignements personnels. Si l’un d’eux ne s’applique pas à votre demande, nous vous en indiquons la raison.',
      // The words of Quebec's act (s. 27): computerized information, a structured and commonly used technological format.
      portabilityWithoutBasis:
        'Vous pouvez recevoir les renseignements personnels informatisés que vous nous avez fournis, dans un format technologique structuré et couramment utilisé, ou les faire transmettre à la personne ou à l’organisme que vous désignez.',
    },
    cookies: {
      ...fr.notice.cookies,
      heading: 'Témoins (cookies)',
      intro: 'Nos sites utilisent les témoins ci-dessous, regroupés par catégorie.',
      banner: 'Vous pouvez modifier vos choix à tout moment depuis le bandeau de gestion des témoins.',
      none: 'Nos sites n’utilisent aucun témoin.',
      noConsent: 'Ces témoins sont indispensables au fonctionnement du site : ils sont déposés sans recueillir votre consentement.',
      consentNeeded:
        'Ces témoins ne sont déposés que si vous les acceptez ; les refuser n’a aucune conséquence sur votre utilisation du site.',
      legitimateInterest: (optOut) =>
        optOut === undefined
          ? 'Ces témoins sont déposés sur le fondement de notre intérêt légitime ; vous pouvez vous y opposer.'
          : `Ces témoins sont déposés sur le fondement de notre intérêt légitime ; vous pouvez vous y opposer : ${optOut}`,
      noThirdParty: 'Nos sites ne déposent aucun témoin tiers.',
      policy: 'Notre politique relative aux témoins en donne le détail :',
      policyOnly: 'Nos sites utilisent des témoins. Notre politique relative aux témoins indique lesquels, pourquoi et comment les gérer :',
      head: ['Témoin', 'Déposé par', 'Durée de vie', 'Tiers', 'Finalité'],
    },
  },
  ropa: {
    ...fr.ropa,
    columns: {
      ...fr.ropa.columns,
      dpo: 'Responsable de la protection des renseignements personnels',
      categories: 'Catégories de renseignements personnels',
    },
  },
};
