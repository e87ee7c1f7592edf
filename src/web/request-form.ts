// The request form's answers: read from the url-encoded body, checked field by field, turned into the desk's submission.
import { KIND_RIGHTS, type Submission } from '../desk/index.js';
import type { Jurisdiction, Language, PolicyModel } from '../policy/index.js';
import { FORM_KINDS, type FieldProblem, type FormKind } from './messages/index.js';

export const FORM_FIELDS = ['jurisdiction', 'kind', 'email', 'target', 'value', 'purpose'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Readonly<Record<FormField, string>>;
export type FormProblems = Readonly<Partial<Record<FormField, FieldProblem>>>;

const MAX_LENGTH: Readonly<Record<FormField, number>> = { jurisdiction: 64, kind: 32, email: 320, target: 200, value: 1000, purpose: 64 };
// The HTML5 pattern of input type=email, so the server agrees with the browser.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** The body's strings by field (anything else ignored; a repeated field keeps its first value). */
export function formValues(body: unknown, defaults: Partial<FormValues> = {}): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const read = (field: FormField): string => {
    const raw = source[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return typeof value === 'string' ? value.trim() : (defaults[field] ?? '');
  };
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, read(f)])) as FormValues;
}

/** The kinds the form offers where `jurisdiction` applies: those whose right that law grants (closure only when declared). */
export const kindsFor = (model: PolicyModel, jurisdiction: Jurisdiction): readonly FormKind[] =>
  FORM_KINDS.filter(
    (k) => jurisdiction.rights.includes(KIND_RIGHTS[k]) && (k !== 'account-closure' || model.accounts.closure !== undefined),
  );

/** The manifest's identity key typed e-mail: the form asks for that one. */
export const emailKeyOf = (model: PolicyModel): string | undefined => [...model.identities.values()].find((k) => k.type === 'email')?.id;

/** Each field's problem, if any; an empty object when the desk may be asked. */
export function checkForm(model: PolicyModel, values: FormValues): FormProblems {
  const problems: Partial<Record<FormField, FieldProblem>> = {};
  for (const field of FORM_FIELDS) if (values[field].length > MAX_LENGTH[field]) problems[field] = 'too-long';
  const jurisdiction = model.jurisdictions.find((j) => j.id === values.jurisdiction);
  if (!jurisdiction) problems.jurisdiction = 'choice';
  if (values.kind === '') problems.kind = 'required';
  else if (jurisdiction && !(kindsFor(model, jurisdiction) as readonly string[]).includes(values.kind)) problems.kind = 'choice';
  if (values.email === '') problems.email = 'required';
  else if (!EMAIL.test(values.email)) problems.email ??= 'email';
  if (values.kind === 'rectification') {
    if (values.target === '') problems.target = 'required';
    else if (!model.categories.has(values.target)) problems.target = 'choice';
    if (values.value === '') problems.value = 'required';
  }
  if (values.kind === 'objection') {
    if (values.purpose === '') problems.purpose = 'required';
    else if (!model.purposes.has(values.purpose)) problems.purpose = 'choice';
  }
  return problems;
}

/** The desk's submission for checked answers, in the page's language. */
export function submissionOf(emailKey: string, values: FormValues, lang: Language): Submission {
  const details =
    values.kind === 'rectification'
      ? { changes: [{ target: values.target, value: values.value }] }
      : values.kind === 'objection'
        ? { purpose: values.purpose }
        : undefined;
  return {
    kind: values.kind,
    channel: 'web',
    jurisdiction: values.jurisdiction,
    identities: { [emailKey]: [values.email] },
    language: lang,
    ...(details && { details }),
  };
}
