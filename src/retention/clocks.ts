// Retention clocks: where a collection's date for a trigger is read (its own field, a parent's through references, or
// the parent's clock when the collection holds no date), and how a stored value becomes an instant.
import type { CollectionModel, PolicyModel, RetentionTrigger } from '../policy/index.js';
import type { Value } from '../connectors/index.js';
import type { ClockHop, RetentionClock } from './conditions.js';

/** An undated collection expires with its parent, whose clock may come from its own parent: a few levels, never a cycle. */
const MAX_PARENTS = 4;

/** Why a clock cannot be resolved, in words for a problem's reason. */
export type ClockFailure = { readonly reason: string };

/** The clock of `trigger` on `collection`, or why there is none. */
export function resolveClock(model: PolicyModel, collection: CollectionModel, trigger: RetentionTrigger): RetentionClock | ClockFailure {
  return clockOf(model, collection, trigger, 0);
}

export function isClock(c: RetentionClock | ClockFailure): c is RetentionClock {
  return 'field' in c;
}

function clockOf(model: PolicyModel, collection: CollectionModel, trigger: RetentionTrigger, depth: number): RetentionClock | ClockFailure {
  const spec = collection.timestamps[trigger];
  if (spec !== undefined) return followSpec(model, collection, trigger, spec);
  if (!(collection.undated ?? []).includes(trigger)) {
    return { reason: `${collection.qualifiedName} declares no timestamp for ${trigger}` };
  }
  // `none`: the rows expire with the parent they belong to, so their clock is the parent's, read through the reference.
  const parentRef = [...collection.fields.values()]
    .filter((f) => f.references?.link === 'belongs-to')
    .sort((a, b) => a.name.localeCompare(b.name))[0];
  const parent = parentRef?.references && model.index.collections.get(`${parentRef.references.dataset}.${parentRef.references.collection}`);
  if (!parentRef?.references || !parent) {
    return { reason: `${collection.qualifiedName} holds no date for ${trigger} and belongs to no parent row` };
  }
  if (depth >= MAX_PARENTS)
    return { reason: `${collection.qualifiedName} holds no date for ${trigger}, nor do its parents within ${MAX_PARENTS} levels` };
  const upper = clockOf(model, parent, trigger, depth + 1);
  if (!isClock(upper)) return upper;
  const hop: ClockHop = {
    field: parentRef.name,
    dataset: parentRef.references.dataset,
    collection: parent.qualifiedName,
    key: parentRef.references.field,
  };
  return { trigger, spec: `${parentRef.name}.${upper.spec}`, hops: [hop, ...upper.hops], field: upper.field };
}

function followSpec(
  model: PolicyModel,
  collection: CollectionModel,
  trigger: RetentionTrigger,
  spec: string,
): RetentionClock | ClockFailure {
  const parts = spec.split('.');
  const hops: ClockHop[] = [];
  let at = collection;
  for (const name of parts.slice(0, -1)) {
    const ref = at.fields.get(name)?.references;
    const next = ref && model.index.collections.get(`${ref.dataset}.${ref.collection}`);
    if (!ref || !next)
      return { reason: `timestamp "${spec}" of ${collection.qualifiedName}: ${at.qualifiedName}.${name} is not a reference` };
    hops.push({ field: name, dataset: ref.dataset, collection: next.qualifiedName, key: ref.field });
    at = next;
  }
  const field = parts.at(-1) ?? '';
  if (!at.fields.has(field))
    return { reason: `timestamp "${spec}" of ${collection.qualifiedName}: ${at.qualifiedName} has no field "${field}"` };
  return { trigger, spec, hops, field };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** `2026-11-23 10:00:00` (SQLite's and MySQL's text form), read as UTC like the rest of Custos's dates. */
const SQL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
/** Below this, a number is seconds since the epoch (until the year 5138); above, milliseconds. */
const SECONDS_LIMIT = 1e11;

/**
 * The instant a stored date stands for, in milliseconds since the epoch, or undefined when it is empty or no date:
 * a `Date`, ISO text (a date alone is midnight UTC; a date-time without a zone is UTC), or epoch seconds or milliseconds.
 */
export function instantOf(value: Value | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    return Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00Z`);
  const local = SQL_DATE_TIME.exec(text);
  const parsed = local ? Date.parse(`${local[1]}T${local[2]}Z`) : Date.parse(text);
  if (Number.isNaN(parsed)) return /^\d+$/.test(text) ? instantOf(Number(text)) : undefined;
  return parsed;
}
