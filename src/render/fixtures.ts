// A small but complete manifest for the renderers' tests: 4 purposes, 2 recipients, a legal hold, GDPR and Quebec, en + fr.
import { compilePolicy, type PolicyModel } from '../policy/index.js';

const ORGANIZATION = `
organization:
  name: Stratus Cloud
  legalForm: SAS
  registration: RCS Paris 901 234 567
  address: 12 rue des Nuages, 75011 Paris, France
  contact: { email: hello@stratus.example, phone: "+33 1 23 45 67 89", url: "https://stratus.example" }
  dpo: { name: Claire Martin, email: dpo@stratus.example, address: "Stratus Cloud — DPO, 12 rue des Nuages, 75011 Paris, France" }
  languages: [en, fr]
  authorities:
    cnil:
      name: Commission nationale de l'informatique et des libertés (CNIL)
      jurisdiction: gdpr
      country: FR
      url: https://www.cnil.fr
      address: 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07
    cai:
      name: Commission d'accès à l'information du Québec
      jurisdiction: quebec
      country: CA
      url: https://www.cai.gouv.qc.ca
  jurisdictions:
    gdpr: { authority: cnil, complaints: P30D }
    quebec: { authority: cai, complaints: P30D }
  policy: { version: "2.1", effective: 2025-01-15, lastReviewed: 2025-01-10, reviewCycle: P1Y }
  scope:
    controller:
      en: This policy covers the personal data of our customers, prospects and website visitors, which we process as controller.
      fr: Cette politique couvre les données personnelles de nos clients, prospects et visiteurs, que nous traitons en tant que responsable de traitement.
    processor:
      en: The data you host on our platform is yours; we process it only on your instructions, as your processor.
      fr: Les données que vous hébergez sur notre plateforme vous appartiennent ; nous ne les traitons que sur vos instructions, en tant que sous-traitant.
    dpaUrl: https://stratus.example/legal/dpa
  security:
    - { en: "Passwords are hashed with Argon2id and two-factor authentication is offered.", fr: "Les mots de passe sont hachés avec Argon2id et la double authentification est proposée." }
    - { en: "API tokens and session data are stored encrypted and expire.", fr: "Les jetons d'API et les données de session sont chiffrés et expirent." }
    - { en: "Staff access personal data only when their task requires it; every access is recorded.", fr: "Le personnel n'accède aux données que si sa mission l'exige ; chaque accès est tracé." }
  deletion: automatic
taxonomy:
  forbidden: default
  handlingTexts: default
rights:
  channels: { web: "https://stratus.example/privacy/requests", email: privacy@stratus.example, post: "Stratus Cloud — DPO, 12 rue des Nuages, 75011 Paris, France" }
  verification:
    en: If you are logged in, that is enough; otherwise we write to the email address of your account.
    fr: Si vous êtes connecté à votre compte, cela suffit ; sinon, nous vous écrivons à l'adresse électronique de votre compte.
  fees: { en: "Requests are free.", fr: "Les demandes sont gratuites." }
  postMortem:
    default: destroy
    description: { en: "Your heirs can ask us to close your account.", fr: "Vos héritiers peuvent nous demander de clôturer votre compte." }
  identityProofRetention: id-proof
  notifyRecipients: true
`;

const PROCESSING = `
subjects:
  customers: { name: { en: "Customers", fr: Clients } }
  prospects: { name: { en: "Prospects", fr: Prospects } }
  visitors:
    name: { en: Website visitors, fr: Visiteurs du site }
    description: { en: People browsing our public website., fr: Les personnes qui consultent notre site public. }
recipients:
  payflow:
    name: PayFlow Payments Ltd
    kind: processor
    description: { en: "Card payments", fr: "Paiements par carte" }
    categories: [user.identity.name, user.contact.email, user.financial.card-token]
    countries: [IE, US]
    safeguard: standard-contractual-clauses
    url: https://payflow.example
  mailer:
    name: Courrier Express
    kind: processor
    description: { en: "Newsletter delivery", fr: "Envoi de la lettre d'information" }
    categories: [user.contact.email, user.identity.name]
    countries: [FR]
locations:
  hosting:
    - { name: { en: "Paris data centres", fr: Centres de données de Paris }, country: FR, primary: true }
    - { name: { en: "Montreal region", fr: Région de Montréal }, country: CA, customerChosen: true }
  transfers:
    - to: CA
      description: { en: "Our support team in Montreal may read your account data to answer your tickets.", fr: "Notre équipe d'assistance de Montréal peut consulter les données de votre compte pour répondre à vos demandes." }
      safeguard: adequacy
      remoteAccess: true
  exclusions:
    - { en: "No company of our group outside the European Union or Canada receives your data.", fr: "Aucune société de notre groupe située hors de l'Union européenne ou du Canada ne reçoit vos données." }
purposes:
  contract:
    name: { en: "Contract management and billing", fr: "Gestion du contrat et facturation" }
    description: { en: "Creating your account, providing the services you order and invoicing them.", fr: "Créer votre compte, fournir les services que vous commandez et les facturer." }
    legalBasis: contract
    subjects: [customers]
    categories: [user.identity.name, user.contact.email, user.contact.address, user.account.id, user.financial.invoice, user.financial.card-token, user.auth.password]
    recipients: [payflow]
    retention: account
  operations:
    name: { en: "Running and securing the services", fr: "Exploitation et sécurité des services" }
    description: { en: "Operating the platform, measuring its audience and detecting abuse.", fr: "Exploiter la plateforme, en mesurer l'audience et détecter les abus." }
    legalBasis: legitimate-interest
    legitimateInterest: { en: "keeping our platform available and secure.", fr: "assurer la disponibilité et la sécurité de notre plateforme." }
    subjects: [customers, visitors]
    categories: [system.network.ip, system.log.application, system.log.connection, user.behavior.analytics]
    retention: logs
  prospecting:
    name: { en: "Newsletter and offers", fr: "Lettre d'information et offres" }
    description: { en: "Sending you our news and offers by email.", fr: "Vous adresser nos actualités et nos offres par courriel." }
    legalBasis: consent
    consent: newsletter
    subjects: [prospects, customers]
    categories: [user.contact.email, user.identity.name]
    recipients: [mailer]
    retention: prospects
  requests:
    name: { en: "Handling your rights requests", fr: "Traitement de vos demandes d'exercice de droits" }
    description: { en: "Answering your requests and keeping proof that we did.", fr: "Répondre à vos demandes et conserver la preuve de notre réponse." }
    legalBasis: legal-obligation
    subjects: [customers, prospects, visitors]
    categories: [user.request.record, user.contact.email, user.identity.document]
    retention: requests
retention:
  account: { duration: P1Y, trigger: contract-end }
  logs: { duration: P24M, trigger: collected }
  audience: { duration: P180D, trigger: collected, action: anonymise, categories: [user.behavior.analytics] }
  prospects: { duration: 3 years, trigger: last-contact }
  requests: { duration: P1Y, trigger: request-replied }
  id-proof: { duration: P0D, trigger: request-processed, categories: [user.identity.document] }
legalHolds:
  invoices:
    description: { en: "Invoices and accounting records", fr: "Factures et pièces comptables" }
    law: Code de commerce, art. L123-22
    duration: P10Y
    trigger: collected
    categories: [user.financial.invoice, user.identity.name, user.contact.address]
    jurisdiction: FR
`;

const CONSENT = `
consent:
  banner: true
  purposes:
    newsletter:
      name: { en: "Newsletter", fr: "Lettre d'information" }
      description: { en: "Receiving our news and offers by email.", fr: "Recevoir nos actualités et offres par courriel." }
      expires: P3Y
  cookies:
    strictly-necessary:
      description: { en: "Keep you logged in and remember your cookie choices.", fr: "Maintenir votre session et mémoriser vos choix de cookies." }
      cookies:
        - { name: stratus_session, provider: Stratus Cloud, lifetime: P1D, description: { en: "Session", fr: Session } }
    analytics:
      description: { en: "Measure the audience of our site, without advertising.", fr: "Mesurer l'audience de notre site, sans publicité." }
      cookies:
        - { name: _sa_id, provider: Stratus Cloud, lifetime: P13M, description: { en: "Pseudonymous visitor id", fr: Identifiant pseudonyme du visiteur } }
`;

/** The fixture manifest, as the files of a `privacy/` folder. */
export const FIXTURE_FILES: readonly { readonly path: string; readonly text: string }[] = [
  { path: 'privacy/organization.yaml', text: ORGANIZATION },
  { path: 'privacy/processing.yaml', text: PROCESSING },
  { path: 'privacy/consent.yaml', text: CONSENT },
];

/** The instant the fixture is compiled at: inside its review cycle. */
export const FIXTURE_NOW = new Date('2025-06-01T12:00:00Z');

/** Compiles the fixture (optionally rewriting its text first); throws if it does not compile to a model. */
export function fixtureModel(rewrite: (text: string) => string = (t) => t): PolicyModel {
  const result = compilePolicy(
    FIXTURE_FILES.map((f) => ({ path: f.path, text: rewrite(f.text) })),
    { now: FIXTURE_NOW, baseDir: '/nonexistent' },
  );
  if (!result.model) throw new Error(`fixture does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.model;
}
