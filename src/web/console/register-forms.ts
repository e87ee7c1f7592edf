// The registers' forms: which fields each kind's form shows, and the form's answers as the registers service takes
// them (lists split on commas, numbers read, UTC date-times given their zone). The service checks; its refusal names
// the field, and the page says it beside that field.
import type { RegisterKind } from '../../workflow/index.js';

export type FormFieldType = 'text' | 'textarea' | 'number' | 'datetime' | 'list' | 'risk';

export interface FormField {
  /** The form's field name; `path` the service's name for it when it differs (`from.personRef`). */
  readonly name: string;
  readonly type: FormFieldType;
  readonly required: boolean;
  readonly path?: string;
}

export const REGISTER_FORMS: Readonly<Record<RegisterKind, readonly FormField[]>> = Object.freeze({
  incident: [
    { name: 'description', type: 'textarea', required: true },
    { name: 'detectedAt', type: 'datetime', required: true },
    { name: 'dataCategories', type: 'list', required: true },
    { name: 'approxPeople', type: 'number', required: true },
    { name: 'approxRecords', type: 'number', required: true },
    { name: 'risk', type: 'risk', required: true },
    { name: 'laws', type: 'list', required: true },
  ],
  'authority-request': [
    { name: 'authority', type: 'text', required: true },
    { name: 'jurisdiction', type: 'text', required: true },
    { name: 'legalBasis', type: 'textarea', required: true },
    { name: 'dueAt', type: 'datetime', required: false },
  ],
  complaint: [
    { name: 'personRef', type: 'text', required: true, path: 'from.personRef' },
    { name: 'subject', type: 'textarea', required: true },
  ],
});

/** What was typed, field by field (kept to show the form again). */
export type FormValues = Readonly<Record<string, string>>;

export function formValuesOf(kind: RegisterKind, body: unknown): FormValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(
    REGISTER_FORMS[kind].map((f) => [f.name, typeof raw[f.name] === 'string' ? (raw[f.name] as string).slice(0, 8000) : '']),
  );
}

/** The service's input from the form's values; an empty optional field is left out. */
export function registerInputOf(kind: RegisterKind, values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of REGISTER_FORMS[kind]) {
    const value = (values[f.name] ?? '').trim();
    if (value === '' && !f.required) continue;
    const read = readValue(f.type, value);
    if (f.path === 'from.personRef') input['from'] = { personRef: read };
    else input[f.name] = read;
  }
  return input;
}

function readValue(type: FormFieldType, value: string): unknown {
  switch (type) {
    case 'number':
      return value === '' ? undefined : Number(value);
    case 'list':
      return value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
    case 'datetime':
      // A datetime-local control sends no zone: the form says UTC.
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
    case 'text':
    case 'textarea':
    case 'risk':
      return value;
    default:
      return type satisfies never;
  }
}

/** The form field a service refusal names (`from.personRef` → `personRef`, `dataCategories.0` → `dataCategories`). */
export function fieldOfRefusal(kind: RegisterKind, field: unknown): string | undefined {
  if (typeof field !== 'string') return undefined;
  const form = REGISTER_FORMS[kind];
  return form.find((f) => f.path === field || field === f.name || field.startsWith(`${f.name}.`))?.name;
}
