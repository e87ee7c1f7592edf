// French message table of the notice and the record of processing (vouvoiement; the typesetter adds no-break spaces).
import { agree } from './agreement.js';
import type { Messages } from './messages.js';
import { listInWords } from '../words.js';

export const fr: Messages = {
  yes: 'Oui',
  no: 'Non',
  vocab: {
    legalBasis: {
      contract: {
        short: 'Contrat',
        text: 'L’exécution du contrat qui nous lie à vous, ou de mesures précontractuelles prises à votre demande.',
      },
      'legal-obligation': { short: 'Obligation légale', text: 'Le respect d’une obligation légale à laquelle nous sommes soumis.' },
      'legitimate-interest': { short: 'Intérêt légitime', text: 'Notre intérêt légitime.' },
      consent: { short: 'Consentement', text: 'Votre consentement, que vous pouvez retirer à tout moment.' },
      'vital-interest': { short: 'Intérêts vitaux', text: 'La sauvegarde de vos intérêts vitaux ou de ceux d’une autre personne.' },
      'public-task': { short: 'Mission d’intérêt public', text: 'L’exécution d’une mission d’intérêt public.' },
    },
    safeguard: {
      adequacy: 'décision d’adéquation',
      'standard-contractual-clauses': 'clauses contractuelles types',
      'binding-corporate-rules': 'règles d’entreprise contraignantes',
      consent: 'votre consentement explicite',
      'contract-necessity': 'nécessaire à l’exécution de votre contrat',
      none: 'aucune garantie particulière',
    },
    recipientKind: {
      processor: 'Sous-traitant agissant sur nos instructions',
      'third-party': 'Tiers indépendant',
      'group-company': 'Société de notre groupe',
      authority: 'Autorité publique',
    },
    dataClass: {
      low: 'Données courantes',
      medium: 'Données d’usage et de communication',
      high: 'Données hautement protégées',
      special: 'Données de carte de paiement',
      forbidden: 'Données que nous ne collectons jamais',
    },
    handlingAction: {
      create: 'Collecte',
      store: 'Conservation',
      use: 'Utilisation',
      share: 'Communication',
      archive: 'Archivage',
      destroy: 'Destruction',
    },
    right: {
      access: {
        title: 'Droit d’accès',
        text: 'Vous pouvez obtenir une copie de vos données, avec leurs finalités, leurs catégories, leurs destinataires, leur durée de conservation, leur origine, vos droits et l’autorité auprès de laquelle vous pouvez réclamer.',
      },
      rectification: {
        title: 'Droit de rectification',
        text: 'Vous pouvez faire corriger vos données inexactes et compléter vos données incomplètes.',
      },
      erasure: {
        title: 'Droit à l’effacement',
        text: 'Vous pouvez faire supprimer vos données, sauf celles qu’une loi nous oblige à conserver.',
      },
      portability: {
        title: 'Droit à la portabilité',
        text: 'Vous pouvez recevoir les données que vous nous avez fournies, dans un format structuré, couramment utilisé et lisible par machine, ou les faire transmettre à un autre prestataire, lorsque nous les traitons sur la base de notre contrat ou de votre consentement.',
      },
      restriction: {
        title: 'Droit à la limitation',
        text: 'Vous pouvez nous demander de conserver vos données sans les utiliser autrement, par exemple le temps d’en vérifier l’exactitude ; nous vous prévenons avant de lever la limitation.',
      },
      objection: {
        title: 'Droit d’opposition',
        text: 'Vous pouvez vous opposer à tout moment, pour des raisons tenant à votre situation, aux traitements fondés sur notre intérêt légitime, et sans avoir à vous justifier à la prospection.',
      },
      'withdraw-consent': {
        title: 'Retrait du consentement',
        text: 'Vous pouvez retirer votre consentement à tout moment, aussi simplement que vous l’avez donné ; le retrait prend effet immédiatement et ne remet pas en cause ce qui a été fait auparavant.',
      },
      'post-mortem': {
        title: 'Directives après votre décès',
        text: 'Vous pouvez nous indiquer le sort de vos données après votre décès : leur conservation, leur effacement ou leur communication, et à qui.',
      },
    },
    cookieCategory: {
      'strictly-necessary': 'Cookies strictement nécessaires',
      functional: 'Cookies fonctionnels',
      analytics: 'Cookies de mesure d’audience',
      targeting: 'Cookies publicitaires et de ciblage',
    },
    channel: { web: 'Formulaire en ligne', email: 'Courriel', post: 'Courrier postal' },
    postMortem: {
      destroy:
        'Sauf directives contraires de votre part, nous détruisons vos données après votre décès, à l’exception de celles que nous devons conserver à titre de preuve ou en application de la loi.',
      keep: 'Sauf directives contraires de votre part, nous conservons vos données après votre décès pour les seules durées indiquées dans cette politique.',
      transfer:
        'Sauf directives contraires de votre part, nous communiquons vos données après votre décès à vos héritiers qui en font la demande.',
    },
  },
  notice: {
    title: (org) => `Politique de confidentialité — ${org}`,
    contents: 'Sommaire',
    version: (v) => `Version ${v}`,
    effective: (date) => `en vigueur depuis le ${date}`,
    lastReviewed: (date) => `Dernière révision le ${date}`,
    generatedOn: (date) => `Ce document a été produit le ${date} à partir de notre manifeste de confidentialité.`,
    controller: {
      heading: 'Qui sommes-nous ?',
      intro: (org) =>
        `Cette politique vous explique quelles données personnelles ${org} traite, pourquoi, pendant combien de temps, qui les reçoit, où elles sont hébergées et comment exercer vos droits.`,
      identity: (o) =>
        `${o.name}${o.legalForm ? `, ${o.legalForm}` : ''}${o.registration ? `, immatriculée sous le numéro ${o.registration}` : ''}${o.address ? ` (siège social : ${o.address})` : ''} est responsable du traitement de vos données personnelles.`,
      contactIntro: 'Vous pouvez nous joindre :',
      dpoHeading: 'Délégué à la protection des données',
      dpoIntro: 'Notre délégué à la protection des données répond à toute question sur vos données et vos droits :',
      representativeHeading: 'Notre représentant',
      representativeIntro: 'Notre représentant pour les questions de protection des données est :',
      jointHeading: 'Responsables conjoints',
      jointIntro: 'Nous décidons de certains traitements avec les organismes suivants, qui en partagent la responsabilité :',
    },
    contact: { name: 'Nom', email: 'Courriel', phone: 'Téléphone', address: 'Adresse', url: 'Site web' },
    scope: {
      heading: 'Ce que couvre cette politique',
      controller: 'En tant que responsable de traitement',
      processor: 'En tant que sous-traitant',
      dpa: 'Accord de traitement des données',
    },
    data: {
      heading: 'Les données que nous traitons',
      subjectsHeading: 'Les personnes concernées',
      intro: (title) =>
        `Nous traitons les catégories de données ci-dessous, regroupées par classe. Chaque classe a ses propres règles de protection, décrites dans la partie « ${title} ».`,
      introPlain: 'Nous traitons les catégories de données ci-dessous, regroupées par classe.',
    },
    purposes: {
      heading: 'Pourquoi nous traitons vos données',
      intro:
        'Pour chaque finalité ci-dessous, nous indiquons sa base légale, les personnes concernées, les données utilisées, leurs destinataires et leur durée de conservation.',
      introWithoutBasis:
        'Pour chaque finalité ci-dessous, nous indiquons les personnes concernées, les données utilisées, leurs destinataires et leur durée de conservation.',
      head: ['Finalité', 'Base légale', 'Durée de conservation'],
      legalBasis: 'Base légale',
      noLegalBasis: 'Non précisée.',
      interest: (interest) => `Notre intérêt légitime : ${interest}`,
      consent: (name) => `Votre consentement (« ${name} »), que vous pouvez retirer à tout moment.`,
      subjects: 'Personnes concernées',
      data: 'Données utilisées',
      recipients: 'Destinataires',
      noRecipients: 'Aucun destinataire extérieur à notre entreprise.',
      retention: 'Durée de conservation',
      source: 'Origine des données',
      automated: 'Décision automatisée',
      ifRefused: 'Si vous ne fournissez pas ces données',
      portability: 'Portabilité',
      portable: 'Les données que vous nous avez fournies pour cette finalité sont incluses lorsque vous demandez leur portabilité.',
    },
    retention: {
      heading: 'Combien de temps nous conservons vos données',
      intro: 'Nous ne conservons les données que le temps nécessaire à leur finalité. Chaque durée court à partir de l’événement indiqué.',
      head: ['Finalité', 'Données', 'Durée de conservation'],
      keptFor: (period, action, a) =>
        `${agree('conservé', a)} ${period}, puis ${agree(action === 'anonymise' ? 'anonymisé' : 'supprimé', a)}`,
      keptAtMost: (period, action, a) =>
        `${agree('conservé', a)} au plus ${period}, puis ${agree(action === 'anonymise' ? 'anonymisé' : 'supprimé', a)}`,
      keptThenHeld: (period, atMost, hold, a) =>
        `${agree('conservé', a)} ${atMost ? 'au plus ' : ''}${period}, puis jusqu’à l’expiration des délais de conservation imposés par la loi (${hold})`,
      keptUntilThenHeld: (until, hold, a) =>
        `${agree('conservé', a)} ${until}, puis jusqu’à l’expiration des délais de conservation imposés par la loi (${hold})`,
      removed: (period, action, a) => `${agree(action === 'anonymise' ? 'anonymisé' : 'supprimé', a)} ${period}`,
      transient: (use, a) =>
        `non ${agree('conservé', a)} durablement ; ${use ?? `${agree('utilisé', a)} uniquement le temps de vous servir`}`,
      extended: (duration, name) => `avec votre consentement (« ${name} »), cette durée peut être prolongée de ${duration}`,
      extendedOpen: (name) => `sauf si vous nous autorisez à les conserver plus longtemps (« ${name} »)`,
      untilLegalPeriods: 'jusqu’à l’expiration des délais de conservation imposés par la loi',
      collection: (name) => `${name} (collection)`,
      notStated: 'durée de conservation non précisée',
      anonymity: (a) => {
        const quoted = (names: readonly string[]) =>
          listInWords(
            names.map((n) => `« ${n} »`),
            'fr',
          );
        const groups =
          a.l === undefined
            ? ''
            : `, et chaque groupe ainsi formé compte au moins ${a.l} valeurs différentes ${a.sensitive.length > 1 ? 'de chacun des champs ' : 'de '}${quoted(a.sensitive)}`;
        const spread =
          a.t === undefined
            ? ''
            : ` ; dans chaque groupe, la répartition de ${quoted(a.sensitive)} s’écarte d’au plus ${String(a.t).replace('.', ',')} de celle de l’ensemble`;
        return `${a.name} : anonymisation ${a.period}. Chaque combinaison de ${quoted(a.quasi)} est alors partagée par au moins ${a.k} enregistrements${groups}${spread}.`;
      },
      byData: 'dépend des données, comme détaillé ci-dessous',
      allData: 'Toutes les données de cette finalité',
      end: 'À la fin de chaque durée, les données sont supprimées ou anonymisées automatiquement, et nous gardons une trace de l’opération.',
      holdsHeading: 'Obligations légales de conservation',
      holdsIntro:
        'Certaines données doivent être conservées plus longtemps parce qu’une loi l’impose ou pour la constatation, l’exercice ou la défense de droits en justice. Elles ne sont alors conservées qu’à ce titre, même si vous demandez leur effacement, et supprimées à la fin de l’obligation.',
      holdsHead: ['Obligation', 'Données conservées', 'Durée', 'Référence légale'],
    },
    recipients: {
      heading: 'Qui reçoit vos données',
      intro: 'Nous ne communiquons vos données qu’aux destinataires ci-dessous, et chacun ne reçoit que les données indiquées pour lui.',
      none: 'Nous ne communiquons vos données à personne en dehors de notre entreprise.',
      head: ['Destinataire', 'Rôle', 'Données reçues', 'Finalités', 'Localisation', 'Garantie'],
      concernedByRequest: 'Les informations visées par la demande',
      // "ces données" rather than a pronoun, so the sentence agrees whatever the categories.
      collects: (recipient, categories) =>
        `${recipient} collecte directement auprès de vous les données suivantes : ${categories} ; nous ne recevons jamais ces données.`,
    },
    places: {
      heading: 'Où vos données sont hébergées',
      hostingHeading: 'Hébergement',
      hostingIntro: 'Vos données sont hébergées aux emplacements suivants :',
      primary: 'site principal',
      customerChosen: 'région que vous choisissez pour vos services',
      transfersHeading: 'Transferts et accès à distance',
      transfersIntro: 'Vos données ne quittent ces emplacements que dans les cas suivants :',
      remoteAccess: 'accès à distance',
      transfer: 'transfert',
      safeguard: (s) => `garantie : ${s}`,
      region: { eu: 'Union européenne', eea: 'Espace économique européen' },
      exclusionsHeading: 'Ce que nous excluons',
    },
    cookies: {
      heading: 'Cookies',
      intro: 'Nos sites utilisent les cookies ci-dessous, regroupés par catégorie.',
      banner: 'Vous pouvez modifier vos choix à tout moment depuis le bandeau de gestion des cookies.',
      none: 'Nos sites n’utilisent aucun cookie.',
      noConsent: 'Ces cookies sont indispensables au fonctionnement du site : ils sont déposés sans recueillir votre consentement.',
      consentNeeded:
        'Ces cookies ne sont déposés que si vous les acceptez ; les refuser n’a aucune conséquence sur votre utilisation du site.',
      legitimateInterest: (optOut) =>
        optOut === undefined
          ? 'Ces cookies sont déposés sur le fondement de notre intérêt légitime ; vous pouvez vous y opposer.'
          : `Ces cookies sont déposés sur le fondement de notre intérêt légitime ; vous pouvez vous y opposer : ${optOut}`,
      noThirdParty: 'Nos sites ne déposent aucun cookie tiers.',
      policy: 'Notre politique de cookies en donne le détail :',
      policyOnly: 'Nos sites utilisent des cookies. Notre politique de cookies indique lesquels, pourquoi et comment les gérer :',
      head: ['Cookie', 'Déposé par', 'Durée de vie', 'Tiers', 'Finalité'],
    },
    protection: {
      heading: 'Comment nous classons et protégeons les données',
      intro: 'Chaque donnée que nous détenons appartient à une classe, et chaque classe a ses règles pour les six étapes de sa vie.',
      covers: (categories) => `Cette classe comprend : ${categories}.`,
      neverHeading: 'Ce que nous ne collectons jamais',
      neverIntro: 'Nous ne collectons, ne conservons et n’utilisons jamais les données suivantes :',
      securityHeading: 'Comment nous sécurisons vos données',
      securityIntro: 'Nos mesures de sécurité comprennent notamment :',
    },
    rights: {
      heading: 'Vos droits',
      intro:
        'Vous disposez des droits suivants sur vos données. Certains dépendent de la base légale du traitement : si l’un d’eux ne s’applique pas, nous vous en indiquons la raison.',
      introWithoutBasis:
        'Vous disposez des droits suivants sur vos données. Si l’un d’eux ne s’applique pas à votre demande, nous vous en indiquons la raison.',
      portabilityWithoutBasis:
        'Vous pouvez recevoir les données que vous nous avez fournies, dans un format structuré, couramment utilisé et lisible par machine, ou les faire transmettre à un autre prestataire.',
      grantedWhere: (laws) => ` (lorsque ${laws} s’applique)`,
      exerciseHeading: 'Comment exercer vos droits',
      exerciseIntro: 'Adressez-nous votre demande par l’un de ces moyens :',
      verification: 'Vérification de votre identité',
      identityProof: 'Justificatif d’identité',
      identityProofClause: (clause) => `Si nous vous demandons des pièces d’identité, leurs copies sont ${clause}.`,
      fees: 'Frais',
      deadlinesHeading: 'Dans quels délais nous répondons',
      deadlinesIntro: 'Nous répondons à votre demande dans le délai fixé par la loi qui s’applique à vous :',
      deadlinesHead: ['Votre lieu de résidence', 'Loi', 'Délai de réponse', 'Prolongation', 'Précisions'],
      extension: (d) => `jusqu’à ${d} supplémentaires, avec information motivée`,
      noExtension: 'aucune prolongation',
      complaintsHeading: 'Réclamations',
      complaints: (d) =>
        `Si la façon dont nous avons traité vos données ou votre demande ne vous satisfait pas, écrivez-nous : nous répondons aux réclamations sous ${d}.`,
      complaintsBy: (j, d) => `${j} : sous ${d}`,
      authorityIntro: 'Vous pouvez également adresser une réclamation à l’autorité de protection des données :',
      authorityIntroAlone: 'Vous pouvez adresser une réclamation à l’autorité de protection des données :',
      seeHolds: ' (voir les obligations légales de conservation ci-dessus)',
      passedOn: {
        rectification: ' ; nous transmettons la correction aux destinataires de vos données',
        erasure: ' ; nous transmettons l’effacement aux destinataires de vos données',
      },
      authorityUnknown: 'l’autorité de protection des données de votre lieu de résidence',
      otherAuthorities: 'Vous pouvez aussi adresser une réclamation à toute autre autorité compétente.',
      postMortemHeading: 'Vos données après votre décès',
      postMortemHow: 'Vous pouvez nous laisser des directives générales ou particulières à tout moment, par les moyens indiqués ci-dessus.',
    },
    changes: {
      heading: 'Modifications de cette politique',
      intro: 'Nous révisons cette politique selon un cycle fixe, et chaque fois que nos traitements évoluent.',
      version: 'Version',
      effective: 'Entrée en vigueur',
      lastReviewed: 'Dernière révision',
      cycle: 'Périodicité de révision',
      nextReview: 'Prochaine révision prévue',
      historyIntro: 'Ce qui a changé à chaque version, de la plus récente à la plus ancienne :',
      historyHead: ['Version', 'Date', 'Modifications'],
    },
  },
  ropa: {
    title: (org) => `Registre des activités de traitement — ${org}`,
    lead: 'Registre du responsable de traitement au sens de l’article 30(1) du RGPD.',
    controllerHeading: 'Responsable de traitement',
    activitiesHeading: 'Activités de traitement',
    columns: {
      controller: 'Responsable de traitement',
      controllerContact: 'Coordonnées du responsable',
      jointControllers: 'Responsables conjoints',
      representative: 'Représentant',
      dpo: 'Délégué à la protection des données',
      purposeId: 'Identifiant de la finalité',
      purpose: 'Finalité',
      description: 'Description',
      legalBasis: 'Base légale',
      subjects: 'Catégories de personnes concernées',
      categories: 'Catégories de données personnelles',
      recipients: 'Catégories de destinataires',
      transfers: 'Transferts vers des pays tiers et garanties',
      erasure: 'Délais d’effacement',
      legalHolds: 'Obligations légales de conservation',
      security: 'Mesures de sécurité',
    },
    none: 'Aucun',
    basisNotRequired: (laws) => `Non exigée par ${laws}`,
    thirdCountry: (country, through, safeguard) => `${country} (${through} ; ${safeguard})`,
  },
};
