// Erasure's masking of kept rows: static values in one update, computed ones row by row from a journaled intent, and the holds that keep fields.
import { computedMaskValue, isComputedMask, staticMaskValue, type ComputedMask } from '../../anonymize/index.js';
import { keyWhere, primaryKeyOf, toKeyValue, type ConnectorSession, type KeyValue, type Row, type Value } from '../../connectors/index.js';
import { addDuration, type CollectionModel, type LegalHoldModel, type PolicyModel } from '../../policy/index.js';
import type { HoldRecord } from '../../store/index.js';
import type { ErasureOperation, FieldOperation } from '../plan.js';
import type { Where } from '../resolve.js';

type MaskOperation = Extract<ErasureOperation, { kind: 'mask' }>;

/** Per-row writes decided before writing, so a replay after a crash writes the very same values. */
export interface MaskIntent {
  readonly rows: readonly { readonly key: Readonly<Record<string, KeyValue>>; readonly set: Readonly<Record<string, KeyValue>> }[];
  readonly holds: readonly Omit<HoldRecord, 'runId'>[];
  /** Rows whose every hold had already ended when the erasure was decided, by key: deleted, or masked whole. */
  readonly released?: readonly Readonly<Record<string, KeyValue>>[];
}

export function staticAssignments(op: MaskOperation): Record<string, Value> {
  const set: Record<string, Value> = {};
  for (const f of op.fields) {
    if (f.strategy === 'null' || f.strategy === 'fixed') set[f.field] = staticMaskValue(f.strategy, f.value);
  }
  return set;
}

export function needsIntent(op: MaskOperation): boolean {
  return op.holds.length > 0 || op.fields.some((f) => isComputedMask(f.strategy));
}

/** The fields the erasure writes in a collection: its masked fields and the references it nulls. */
export function fieldsWritten(operations: readonly ErasureOperation[], collection: string): Set<string> {
  const written = new Set<string>();
  for (const op of operations) {
    if (op.collection !== collection) continue;
    if (op.kind === 'null-reference') written.add(op.field);
    if (op.kind === 'mask') for (const f of op.fields) if (f.strategy !== 'hold') written.add(f.field);
  }
  return written;
}

export interface MaskIntentInput {
  /** The selections of the rows to mask. */
  readonly wheres: readonly Where[];
  readonly pseudonymKey: Uint8Array;
  readonly now: Date;
  /** Fields the erasure writes in the collection (`fieldsWritten`). */
  readonly written: ReadonlySet<string>;
  /** The rows of the selections with `maskIntentFields`, when already read (resolution reads some whole); else read here. */
  readonly rows?: readonly Row[] | undefined;
}

/** What a mask's intent works from, worked out once per operation (plans are cached). */
interface IntentShape {
  /** The fields read of each row: key, values to compute, and the timestamps holds run from. */
  readonly fields: readonly string[];
  readonly computed: readonly (FieldOperation & { readonly strategy: ComputedMask })[];
  /** The holds, each with the collection's own field its clock starts from (a parent's, `customer_id.closed_at`, is not read). */
  readonly holds: readonly { readonly hold: LegalHoldModel; readonly from: string | undefined }[];
}

const intentShapes = new WeakMap<MaskOperation, IntentShape>();

function intentShape(model: PolicyModel, collection: CollectionModel, op: MaskOperation): IntentShape {
  let shape = intentShapes.get(op);
  if (!shape) {
    const computed = op.fields.filter((f): f is FieldOperation & { readonly strategy: ComputedMask } => isComputedMask(f.strategy));
    const holds = op.holds.flatMap((id) => {
      const hold = model.legalHolds.get(id);
      if (!hold) return [];
      const field = collection.timestamps[hold.trigger];
      return [{ hold, from: field === undefined || field.includes('.') ? undefined : field }];
    });
    const timestamps = holds.flatMap((h) => (h.from === undefined ? [] : [h.from]));
    const fields = [...new Set([...collection.primaryKey, ...computed.map((f) => f.field), ...timestamps])];
    intentShapes.set(op, (shape = { fields, computed, holds }));
  }
  return shape;
}

/** The fields a mask's intent needs of each row: key, values to compute, and the timestamps holds run from. */
export function maskIntentFields(model: PolicyModel, collection: CollectionModel, op: MaskOperation): readonly string[] {
  return intentShape(model, collection, op).fields;
}

/** The day a hold started on `start` ends; none for a hold kept until the periods the law imposes expire (never on its own). */
const holdEnd = (hold: LegalHoldModel, start: Date): string | undefined =>
  hold.duration === undefined ? undefined : addDuration(start, hold.duration).toISOString().slice(0, 10);

/** True when a hold's end is before `today`; a hold without an end never is. */
const endedBefore = (until: string | undefined, today: string) => until !== undefined && until < today;

/**
 * Decides a mask's computed values and hold end dates, reading the rows when it must. Rows with nothing to compute,
 * held from when they were collected, and whose selection the erasure leaves intact (`written` names no field it uses)
 * are read only for their keys and dates: one record per hold covers the selection, each row held from its own
 * timestamp, and the rows whose holds all ended before today are released (deleted, or masked whole).
 */
export async function buildMaskIntent(
  model: PolicyModel,
  session: ConnectorSession,
  collection: CollectionModel,
  op: MaskOperation,
  input: MaskIntentInput,
): Promise<MaskIntent> {
  const { wheres, pseudonymKey, now, written } = input;
  const { fields, computed, holds } = intentShape(model, collection, op);
  const rows: MaskIntent['rows'][number][] = [];
  const holdRecords: Omit<HoldRecord, 'runId'>[] = [];
  const released: Record<string, KeyValue>[] = [];
  const today = now.toISOString().slice(0, 10);
  if (wheres.length === 0) return { rows, holds: holdRecords };
  const selectionHeld =
    computed.length === 0 &&
    holds.every((h) => h.hold.trigger === 'collected') &&
    wheres.every((where) => Object.keys(where).every((field) => !written.has(field)));
  if (selectionHeld) {
    // Collected in the past (or, without a date, now): every row's end is at the latest the hold's duration from now.
    const key = JSON.stringify(wheres);
    for (const { hold, from } of holds) {
      const record = { dataset: collection.dataset, collection: collection.name, key, hold: hold.id, until: holdEnd(hold, now) };
      holdRecords.push(from === undefined ? record : { ...record, from });
    }
    // Rows whose every hold runs from a date of their own may have been released already (a log older than its hold):
    // their keys are read, the rest stays one record. A hold without a date (it runs from now) releases nothing.
    if (holds.length === 0 || holds.some((h) => h.from === undefined)) return { rows, holds: holdRecords };
    const release = (row: Row) => {
      const ended = holds.every(({ hold, from }) => {
        const start = new Date(String(toKeyValue(row[from as string] ?? null)));
        return !Number.isNaN(start.getTime()) && endedBefore(holdEnd(hold, start), today);
      });
      if (ended) released.push(primaryKeyOf(collection, row));
    };
    if (input.rows) for (const row of input.rows) release(row);
    else for await (const page of session.findPages({ collection, where: wheres }, { fields })) for (const row of page) release(row);
    return released.length > 0 ? { rows, holds: holdRecords, released } : { rows, holds: holdRecords };
  }
  const decide = (row: Row) => {
    const key = primaryKeyOf(collection, row);
    const set: Record<string, KeyValue> = {};
    for (const f of computed) {
      const v = row[f.field];
      if (v === null || v === undefined) continue;
      const text = String(toKeyValue(v));
      set[f.field] = computedMaskValue(f.strategy, text, pseudonymKey);
    }
    if (Object.keys(set).length > 0) rows.push({ key, set });
    if (holds.length === 0) return;
    const keyText = JSON.stringify(key);
    const ends = holds.map(({ hold, from }) => {
      const raw = from === undefined ? undefined : row[from];
      const start = raw === null || raw === undefined ? now : new Date(String(toKeyValue(raw)));
      return { hold, until: holdEnd(hold, Number.isNaN(start.getTime()) ? now : start) };
    });
    // A hold that ended before today keeps nothing: a row all of whose holds have ended is released.
    if (ends.every((e) => endedBefore(e.until, today))) return void released.push(key);
    for (const { hold, until } of ends) {
      if (!endedBefore(until, today))
        holdRecords.push({ dataset: collection.dataset, collection: collection.name, key: keyText, hold: hold.id, until });
    }
  };
  if (input.rows) for (const row of input.rows) decide(row);
  else for await (const page of session.findPages({ collection, where: wheres }, { fields })) for (const row of page) decide(row);
  return released.length > 0 ? { rows, holds: holdRecords, released } : { rows, holds: holdRecords };
}

/** Applies a mask: static assignments on every selection, then the intent's per-row values (one call). Returns rows touched. */
export async function applyMask(
  session: ConnectorSession,
  collection: CollectionModel,
  op: MaskOperation,
  wheres: readonly Where[],
  intent: MaskIntent | undefined,
): Promise<number> {
  const set = staticAssignments(op);
  let touched = 0;
  if (Object.keys(set).length > 0 && wheres.length > 0) touched = await session.update({ collection, where: wheres }, set);
  if (intent && intent.rows.length > 0) await session.updateEach(collection, intent.rows);
  const released = intent?.released ?? [];
  if (released.length > 0) {
    const keyed = released.map((key) => keyWhere(key));
    if (op.released === 'delete-row') await session.delete({ collection, where: keyed });
    else {
      const nulled = heldFieldsNulled(op, collection);
      if (Object.keys(nulled).length > 0) await session.update({ collection, where: keyed }, nulled);
    }
  }
  return Math.max(touched, intent?.rows.length ?? 0);
}

/** A released row keeps none of what its hold kept: the held fields are nulled, but never a required one or a key. */
function heldFieldsNulled(op: MaskOperation, collection: CollectionModel): Record<string, Value> {
  const set: Record<string, Value> = {};
  for (const f of op.fields) {
    const field = collection.fields.get(f.field);
    if (f.strategy === 'hold' && field?.required !== true && !collection.primaryKey.includes(f.field)) set[f.field] = null;
  }
  return set;
}
