// Words of the access package's summary and emails that the notice's message tables do not have, in English and French.
import type { Language, ThirdPartyHandling } from '../../policy/index.js';
import { WITHHELD, type WithheldMarkers } from '../execute/export.js';

export interface PackageMessages {
  readonly title: (org: string) => string;
  readonly request: (id: string) => string;
  readonly generatedOn: (date: string) => string;
  readonly contents: string;
  readonly package: {
    readonly heading: string;
    readonly intro: string;
    readonly head: readonly [data: string, rows: string, kept: string, files: string];
    readonly keptByPurpose: string;
    /** Said of a collection whose rows describe other people, by how the package handles them. */
    readonly otherPeople: Readonly<Record<ThirdPartyHandling, string>>;
    readonly emails: (count: number, formatted: string) => string;
    readonly manifest: string;
    readonly withheldHeading: string;
    readonly withheldIntro: string;
    readonly withheldNone: string;
    /** Said when some of the data is held against the provider's own rules (a declared violation) and being removed. */
    readonly withheldBreach: string;
    readonly withheldRules: string;
    /** What replaces a withheld value in the data files. */
    readonly markers: WithheldMarkers;
  };
  readonly controllerHeading: string;
  readonly data: {
    readonly heading: string;
    readonly intro: string;
    readonly head: readonly [data: string, foundIn: string, usedFor: string, source: string];
    readonly provided: string;
  };
  readonly purposes: {
    readonly heading: string;
    readonly intro: string;
    readonly yourData: string;
    readonly receives: (labels: string) => string;
    readonly holds: string;
    readonly defaultSource: string;
    readonly noAutomated: string;
    readonly keptByCollection: (labels: string, heading: string) => string;
  };
  readonly email: { readonly subject: string; readonly date: string; readonly to: string };
  /** K6.3: the messages Custos sent the person about their requests. */
  readonly messages: {
    readonly date: string;
    readonly status: string;
    readonly subject: string;
    readonly statuses: Readonly<Record<'queued' | 'sent' | 'failed', string>>;
    readonly intro: (count: number, formatted: string) => string;
    readonly removedNote: (count: number, formatted: string, marker: string) => string;
    /** What replaces a code or a download link in a message's copy. */
    readonly removed: string;
    /** Said instead of a message's body when it can no longer be written out. */
    readonly unreadable: string;
  };
}

const en: PackageMessages = {
  title: (org) => `Your personal data — ${org}`,
  request: (id) => `Access request ${id}`,
  generatedOn: (date) => `Prepared on ${date}, from our privacy manifest and the data we hold about you.`,
  contents: 'Contents',
  package: {
    heading: 'What this package contains',
    intro:
      'This package holds a copy of all the personal data about you that we found in our systems. Each set of data comes twice: as JSON, a structured format that programs can read, and as CSV, which spreadsheets open.',
    head: ['Data', 'Rows', 'How long we keep it', 'Files'],
    keptByPurpose: 'As stated for the purposes that use it, below.',
    otherPeople: {
      include: 'These rows are about other people linked to your account; they are included because they are part of your account’s data:',
      redact: 'These rows are about other people linked to your account; their personal data is replaced by a marker:',
      count: 'These rows are about other people linked to your account; to protect them, we only tell you how many we hold:',
    },
    emails: (n, f) => `${f} notification ${n === 1 ? 'email' : 'emails'} we sent you, one text file each:`,
    manifest: 'The file manifest.json lists the same contents for programs.',
    withheldHeading: 'Values we do not show',
    withheldIntro:
      'Secret values (passwords, API secrets, security codes, session tokens) and values we store only encrypted or hashed never leave our systems in clear, as our data protection rules require. In the data files, each such value is replaced by a marker:',
    withheldNone: 'No value of your data had to be withheld.',
    withheldBreach:
      'We found that we hold some data that our own rules forbid us to keep (such as full card numbers). We are removing it; until then, the data files say that it is held without showing it.',
    withheldRules: 'Our rules for these values:',
    markers: WITHHELD,
  },
  controllerHeading: 'Who holds your data',
  data: {
    heading: 'The data we hold about you',
    intro:
      'We found the following categories of data about you. The next section explains, for each purpose, why we use them, on what legal basis, who receives them and how long we keep them.',
    head: ['Data', 'Found in', 'Used for', 'Where it comes from'],
    provided: 'Collected from you.',
  },
  purposes: {
    heading: 'Why we use your data',
    intro:
      'Each purpose below uses some of the data we found about you. It states its legal basis, who receives the data, how long it is kept and where it comes from.',
    yourData: 'Your data used',
    receives: (labels) => `receives: ${labels}`,
    holds: 'Kept longer by law',
    defaultSource: 'Collected from you, or generated by your use of the services.',
    noAutomated: 'No decision with legal or similarly significant effects is made about you by solely automated means.',
    keptByCollection: (labels, heading) => `${labels}: as stated for each set of data under “${heading}”.`,
  },
  email: { subject: 'Subject', date: 'Date', to: 'To' },
  messages: {
    date: 'Date',
    status: 'Status',
    subject: 'Subject',
    statuses: { sent: 'sent', queued: 'queued, not sent yet', failed: 'not delivered' },
    intro: (n, f) => `${f} ${n === 1 ? 'message' : 'messages'} we sent you about your requests, one text file each:`,
    removedNote: (n, f, marker) =>
      `${f} ${n === 1 ? 'verification code or download link they held is' : 'verification codes and download links they held are'} shown as ${marker}: we keep them only until the message reaches you, and never hand them over again.`,
    removed: '[removed once delivered]',
    unreadable: '[this message could not be written out again from what we keep of it]',
  },
};

const fr: PackageMessages = {
  title: (org) => `Vos données personnelles — ${org}`,
  request: (id) => `Demande d’accès ${id}`,
  generatedOn: (date) => `Préparé le ${date}, à partir de notre manifeste de confidentialité et des données que nous détenons sur vous.`,
  contents: 'Sommaire',
  package: {
    heading: 'Contenu de ce dossier',
    intro:
      'Ce dossier contient une copie de toutes les données personnelles vous concernant que nous avons trouvées dans nos systèmes. Chaque ensemble de données figure deux fois : en JSON, un format structuré que les programmes savent lire, et en CSV, que les tableurs ouvrent.',
    head: ['Données', 'Lignes', 'Durée de conservation', 'Fichiers'],
    keptByPurpose: 'Comme indiqué ci-dessous pour les finalités qui les utilisent.',
    otherPeople: {
      include:
        'Ces lignes concernent d’autres personnes liées à votre compte ; elles sont incluses car elles font partie des données de votre compte :',
      redact:
        'Ces lignes concernent d’autres personnes liées à votre compte ; leurs données personnelles sont remplacées par un marqueur :',
      count:
        'Ces lignes concernent d’autres personnes liées à votre compte ; pour les protéger, nous vous indiquons seulement combien nous en détenons :',
    },
    emails: (n, f) =>
      `${f} ${n === 1 ? 'courriel de notification que nous vous avons envoyé' : 'courriels de notification que nous vous avons envoyés'}, un fichier texte par courriel :`,
    manifest: 'Le fichier manifest.json décrit le même contenu pour les programmes.',
    withheldHeading: 'Valeurs que nous ne montrons pas',
    withheldIntro:
      'Les valeurs secrètes (mots de passe, secrets d’API, codes de sécurité, jetons de session) et les valeurs que nous ne conservons que chiffrées ou hachées ne quittent jamais nos systèmes en clair, comme l’exigent nos règles de protection des données. Dans les fichiers de données, chacune est remplacée par un marqueur :',
    withheldNone: 'Aucune valeur de vos données n’a dû être masquée.',
    withheldBreach:
      'Nous avons constaté que nous conservons des données que nos propres règles nous interdisent de garder (comme des numéros de carte complets). Nous les supprimons ; d’ici là, les fichiers de données indiquent qu’elles sont conservées sans les montrer.',
    withheldRules: 'Nos règles pour ces valeurs :',
    markers: {
      secret: '[masqué : secret]',
      encrypted: '[conservé chiffré]',
      hashed: '[conservé haché]',
      cardNumber: (last4) =>
        `[numéro de carte complet conservé${last4 === undefined ? '' : `, se terminant par ${last4}`} : en cours de suppression]`,
      securityCode: '[cryptogramme visuel conservé : en cours de suppression]',
      forbidden: '[donnée que nous ne devons pas conserver : en cours de suppression]',
      otherPerson: '[données d’une autre personne]',
    },
  },
  controllerHeading: 'Qui détient vos données',
  data: {
    heading: 'Les données que nous détenons sur vous',
    intro:
      'Nous avons trouvé les catégories de données suivantes vous concernant. La section suivante indique, pour chaque finalité, pourquoi nous les utilisons, sur quelle base légale, qui les reçoit et combien de temps nous les conservons.',
    head: ['Données', 'Trouvées dans', 'Utilisées pour', 'Origine'],
    provided: 'Collectées auprès de vous.',
  },
  purposes: {
    heading: 'Pourquoi nous utilisons vos données',
    intro:
      'Chaque finalité ci-dessous utilise une partie des données trouvées vous concernant. Elle indique sa base légale, qui reçoit les données, combien de temps elles sont conservées et d’où elles viennent.',
    yourData: 'Vos données utilisées',
    receives: (labels) => `reçoit : ${labels}`,
    holds: 'Conservation imposée par la loi',
    defaultSource: 'Collectées auprès de vous, ou générées par votre utilisation des services.',
    noAutomated:
      'Aucune décision produisant des effets juridiques ou vous affectant de manière significative n’est prise à votre sujet par un traitement exclusivement automatisé.',
    keptByCollection: (labels, heading) => `${labels} : comme indiqué pour chaque ensemble de données dans « ${heading} ».`,
  },
  email: { subject: 'Objet', date: 'Date', to: 'À' },
  messages: {
    date: 'Date',
    status: 'Statut',
    subject: 'Objet',
    statuses: { sent: 'envoyé', queued: 'en attente d’envoi', failed: 'non remis' },
    intro: (n, f) =>
      `${f} ${n === 1 ? 'message que nous vous avons envoyé' : 'messages que nous vous avons envoyés'} au sujet de vos demandes, un fichier texte par message :`,
    removedNote: (n, f, marker) =>
      `${f} ${n === 1 ? 'code de vérification ou lien de téléchargement qu’ils contenaient est remplacé' : 'codes de vérification et liens de téléchargement qu’ils contenaient sont remplacés'} par ${marker} : nous ne les conservons que jusqu’à la remise du message et ne les transmettons jamais à nouveau.`,
    removed: '[supprimé une fois remis]',
    unreadable: '[ce message n’a pas pu être réécrit à partir de ce que nous en conservons]',
  },
};

const TABLES: Readonly<Record<Language, PackageMessages>> = { en, fr, 'fr-CA': fr };

export function packageMessages(lang: Language): PackageMessages {
  return TABLES[lang];
}
