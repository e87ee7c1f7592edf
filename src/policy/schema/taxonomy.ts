// `taxonomy`: categories added or re-classed by the provider, and per-class handling rules (K1).
import { z } from 'zod';
import { DATA_CLASSES, HANDLING_ACTIONS, PROTECTIONS } from '../vocabulary.js';
import { CategoryKey, LocalizedText } from './common.js';

export const CategoryDeclaration = z.strictObject({
  class: z.enum(DATA_CLASSES),
  label: LocalizedText.optional(),
  description: LocalizedText.optional(),
});

/** A class's rule for each handling action, plus the constraints a machine can enforce. */
export const HandlingRule = z.strictObject({
  ...(Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, LocalizedText.optional()])) as {
    [K in (typeof HANDLING_ACTIONS)[number]]: z.ZodOptional<typeof LocalizedText>;
  }),
  /** Protections a stored field of this class must have. */
  storage: z.array(z.enum(PROTECTIONS)).min(1).optional(),
  /** Whether values of this class appear in an access package in clear. */
  exportInClear: z.boolean().optional(),
  /** Whether values of this class may be written to logs. */
  loggable: z.boolean().optional(),
  /** Whether values of this class may be shared with recipients. */
  shareable: z.boolean().optional(),
  /** `false`: the texts stay internal (lint and the engines still apply the rules); the notice, record and package print none. */
  publish: z.boolean().optional(),
});

/**
 * The forbidden list: `default` (GDPR art. 9(1) and the card security code), or that list with categories added (made
 * forbidden) or removed (given the class `taxonomy.categories` declares for them).
 */
export const ForbiddenList = z.union([
  z.literal('default'),
  z.strictObject({ add: z.array(CategoryKey).optional(), remove: z.array(CategoryKey).optional() }),
]);

export const Taxonomy = z.strictObject({
  categories: z.record(CategoryKey, CategoryDeclaration).optional(),
  handling: z.partialRecord(z.enum(DATA_CLASSES), HandlingRule).optional(),
  /** The notice lists the forbidden categories: `default`, or `{ add, remove }` to extend or narrow that list. */
  forbidden: ForbiddenList.optional(),
  /** `default`: the notice prints Custos's built-in handling texts for every action a class does not state itself. */
  handlingTexts: z.literal('default').optional(),
});
