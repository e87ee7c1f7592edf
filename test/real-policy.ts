// A small bilingual provider for tests of what real policies state (cookies, classification lists, optional facts):
// each test adds the lines it is about and reads the diagnostics at file:line, or the notice and record as plain text.
import { compilePolicy, type Language, type PolicyModel } from '../src/policy/index.js';
import { renderNotice } from '../src/render/index.js';

/** Clean under lint apart from the `info` diagnostics of defaults left unstated. */
export const BILINGUAL_PROVIDER = `organization:
  name: Little Cloud
  address: 1 rue du Test, Paris
  contact: { email: privacy@little.example }
  jurisdictions: [gdpr]
  languages: [en, fr]
  policy: { version: '2', lastReviewed: '2026-10-01' }
rights:
  channels: { email: privacy@little.example }
identities:
  email: { type: email }
subjects:
  customer: { name: { en: Customers, fr: Clients } }
locations:
  hosting: [{ name: Paris, country: FR, primary: true }]
purposes:
  service:
    name: { en: Running the service, fr: Fournir le service }
    description: { en: We run the service you subscribed to., fr: Nous fournissons le service souscrit. }
    legalBasis: contract
    subjects: [customer]
    categories: [user.contact.email, user.financial.invoice]
    retention: account
retention:
  account: { duration: P1Y, trigger: contract-end }
`;

/** The manifest as one file `privacy.yaml`: its diagnostics other than `info`, as `CODE privacy.yaml:line`. */
export function lintYaml(yaml: string, options: { withInfo?: boolean } = {}): string[] {
  const result = compilePolicy([{ path: 'privacy.yaml', text: yaml }], { now: new Date('2026-11-23T00:00:00Z') });
  return result.diagnostics
    .filter((d) => options.withInfo === true || d.severity !== 'info')
    .map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`);
}

/** The 1-based line of the first line of `yaml` holding `needle`. */
export function lineOf(yaml: string, needle: string): number {
  const line = yaml.split('\n').findIndex((l) => l.includes(needle)) + 1;
  if (line === 0) throw new Error(`no line holds ${needle}`);
  return line;
}

export function compileYaml(yaml: string): PolicyModel {
  const result = compilePolicy([{ path: 'privacy.yaml', text: yaml }], { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result.model;
}

/** Text run through both serialisers' escapes, so one substring matches Markdown and HTML alike. */
export const plain = (text: string): string =>
  text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\([\\`*_[\]<>|#~&+.=-])/g, '$1')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ');

/** The notice of `model` in `lang`, Markdown and HTML, as plain text. */
export const notices = (model: PolicyModel, lang: Language): [md: string, html: string] => [
  plain(renderNotice(model, { lang, format: 'md' })),
  plain(renderNotice(model, { lang, format: 'html' })),
];

/** The notice of `yaml` in `lang`, Markdown and HTML, as plain text. */
export function noticeTexts(yaml: string, lang: Language): [md: string, html: string] {
  return notices(compileYaml(yaml), lang);
}
