// A template's params checked (a clear `invalid-input` naming the template and the field) and encoded for the outbox.
import { CustosError } from '../errors.js';
import { TEMPLATE_IDS, TEMPLATE_PARAMS, isTemplateId, type TemplateId, type TemplateParams } from './templates.js';

/** The template id, or `invalid-input` listing the known ones. */
export function checkTemplateId(template: string): TemplateId {
  if (isTemplateId(template)) return template;
  throw new CustosError({
    code: 'invalid-input',
    message: `unknown mail template "${template.slice(0, 60)}": use one of ${TEMPLATE_IDS.join(', ')}`,
    details: { field: 'template' },
  });
}

/**
 * The params checked against the template's schema. Refused with `invalid-input` naming the template and the first
 * wrong field, never its value (a reason or a code is not for logs). Params the template does not read are dropped.
 */
export function checkParams<T extends TemplateId>(template: T, params: unknown): TemplateParams<T> {
  const result = TEMPLATE_PARAMS[template].safeParse(params ?? {});
  if (result.success) return result.data as TemplateParams<T>;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'params';
  const given = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], params);
  const problem = issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
  throw new CustosError({
    code: 'invalid-input',
    message: `mail template "${template}": param ${field} ${problem}`,
    details: { template, field },
  });
}

/**
 * The params as the outbox keeps them (text only): checked first, then numbers as decimal text and lists as JSON.
 * What the desk gives `Outbox.enqueue`: `{ to, template, language, params: messageParams('received', { … }) }`.
 */
export function messageParams<T extends TemplateId>(template: T, params: TemplateParams<T>): Record<string, string> {
  const checked = checkParams(template, params) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(checked)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}
