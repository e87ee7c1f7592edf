// The desk's message templates as typed data: each id with the zod schema of what it is filled with.
import { z } from 'zod';
import { parseDuration } from '../policy/index.js';
import { MAIL_REQUEST_KINDS } from './kinds.js';

/** The messages Custos sends: the first eight to the person who asked, `deadline-reminder` to the desk's staff. */
export const TEMPLATE_IDS = [
  'verification-code',
  'received',
  'extended',
  'proof-needed',
  'denied',
  'completed',
  'closure-blocked',
  'cancelled',
  'deadline-reminder',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function isTemplateId(value: unknown): value is TemplateId {
  return (TEMPLATE_IDS as readonly unknown[]).includes(value);
}

/** The ids a request is known by (as the store and the job payloads accept them): never an address or a name. */
const requestId = z.string().regex(/^[\w.:/-]{1,200}$/, 'must be an id (letters, digits, _ . : / -, at most 200), e.g. req_42');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD, e.g. 2028-03-01')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: 'is not a day of the calendar (YYYY-MM-DD)',
  });
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant, e.g. 2028-03-01T12:00:00Z' });
const text = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://privacy.example.test/…' });
const kind = z.enum(MAIL_REQUEST_KINDS, { error: `must be a request kind (${MAIL_REQUEST_KINDS.join(', ')})` });
/** A whole number, from the outbox's text or given as a number. */
const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const isoDuration = z.string().refine((t) => /^P/.test(t.trim()) && parseDuration(t) !== undefined, {
  message: 'must be an ISO 8601 duration, e.g. P2M or P30D',
});

/**
 * What blocks an account's closure (K6.1), as the person must read it: what it is (the manifest's precondition
 * description, which may say the remedy too), and what to do about it when that is said apart.
 */
export const blockerSchema = z.object({ description: text, whatToDo: text.optional() });
export type ClosureBlocker = z.output<typeof blockerSchema>;

/** The outbox keeps params as text: a list of blockers arrives as JSON text, or as the list itself. */
const blockers = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  z.array(blockerSchema, { error: 'must be a list of { description, whatToDo }' }).min(1, 'must name at least one blocker').max(50),
);

export const TEMPLATE_PARAMS = {
  'verification-code': z.object({
    requestId,
    /** The code the person types back: letters and digits only, so it reads the same in text and HTML. */
    code: z.string().regex(/^[A-Za-z0-9]{4,12}$/, 'must be 4 to 12 letters or digits'),
    validMinutes: whole(1, 10_080),
  }),
  received: z.object({ requestId, kind, receivedOn: day, dueDate: day }),
  extended: z.object({ requestId, kind, dueDate: day, extension: isoDuration, reason: text }),
  'proof-needed': z.object({ requestId, kind, reason: text, respondBy: day.optional() }),
  denied: z.object({ requestId, kind, reason: text, authorityName: text.optional(), authorityUrl: webUrl.optional() }),
  completed: z
    .object({ requestId, kind, downloadUrl: webUrl.optional(), downloadExpiresAt: instant.optional() })
    .refine((p) => (p.downloadUrl === undefined) === (p.downloadExpiresAt === undefined), {
      message: 'is required with downloadUrl: a download link always says until when it works',
      path: ['downloadExpiresAt'],
    }),
  'closure-blocked': z.object({ requestId, blockers }),
  cancelled: z.object({ requestId, kind }),
  'deadline-reminder': z.object({ requestId, kind, dueDate: day, daysLeft: whole(-3650, 3650), consoleUrl: webUrl.optional() }),
} as const satisfies Record<TemplateId, z.ZodType>;

/** A template's params once checked: typed values (numbers, lists), as the renderers read them. */
export type TemplateParams<T extends TemplateId> = z.output<(typeof TEMPLATE_PARAMS)[T]>;

/**
 * Params that open something (a code that verifies, a link that downloads): the outbox keeps them only until the
 * message is sent, then forgets them (`Outbox.markSent`'s `forget`).
 */
export const SECRET_PARAMS = {
  'verification-code': ['code'],
  completed: ['downloadUrl'],
} as const satisfies Partial<{ readonly [T in TemplateId]: readonly (keyof TemplateParams<T> & string)[] }>;

/** The params of `template` the outbox forgets once the message is sent. */
export function secretParamsOf(template: string): readonly string[] {
  return (SECRET_PARAMS as Partial<Record<string, readonly string[]>>)[template] ?? [];
}
