// Building blocks shared by every manifest section: identifiers, localized text, durations, secrets.
import { z } from 'zod';
import { LANGUAGES } from '../vocabulary.js';
import { durationProblem, MAX_DURATION_YEARS } from '../duration.js';

/** Manifest identifiers: lower-case words joined by `-` or `_` (ids of purposes, recipients, datasets…). */
export const Id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" or "_", starting with a letter');

/** Dotted category keys, e.g. `user.contact.email`. */
export const CategoryKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, 'a category is a dotted key such as "user.contact.email"');

/** SQL identifiers as they appear in the provider's databases; validated again before quoting. */
export const StoreIdentifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'use letters, digits, "_" or "$", starting with a letter or "_"');

/** Text in one language for all, or per language: `{ en: "…", fr: "…" }`. */
export const LocalizedText = z.union([
  z.string().min(1),
  z.strictObject(
    Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1).optional()])) as {
      [K in (typeof LANGUAGES)[number]]: z.ZodOptional<z.ZodString>;
    },
  ),
]);
export type LocalizedTextInput = z.infer<typeof LocalizedText>;

/** A duration; one longer than MAX_DURATION_YEARS is reported as CUS051 (validate.ts reads `params.diagnostic`). */
export const DurationText = z.string().superRefine((s, ctx) => {
  const problem = durationProblem(s);
  if (problem === 'syntax')
    ctx.addIssue({ code: 'custom', message: 'write a duration as ISO 8601 ("P180D", "P24M", "P10Y") or words ("180 days", "10 years")' });
  else if (problem === 'too-long')
    ctx.addIssue({
      code: 'custom',
      message: `"${s.trim()}" is longer than ${MAX_DURATION_YEARS} years`,
      params: {
        diagnostic: 'CUS051',
        fix: `at most P${MAX_DURATION_YEARS}Y (${MAX_DURATION_YEARS * 12} months, ${MAX_DURATION_YEARS * 365.25} days)`,
      },
    });
});

/** A secret is never written in the manifest: it names an environment variable. */
export const SecretRef = z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') });

/** A value that is either written inline (not secret) or read from the environment. */
export const ConfigValue = z.union([z.string().min(1), SecretRef]);

export const IsoDate = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);

export const Country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as "FR" or "CA"');

/** A list of ids: one or many. */
export const IdList = z.array(Id);
