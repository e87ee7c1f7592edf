// Deleting expired rows with the rows that belong to them, as erasure does: first read which parents must stay (a child
// under another rule, held by an erasure's hold record or restricted, still needs them), then delete the rest children
// first. The plan reads the same decision, so it counts the parents a sweep keeps for their children.
import { CustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import { primaryKeyOf, type ConnectorSession, type KeyValue, type Row, type Value, type Where } from '../connectors/index.js';
import type { HoldRecord } from '../store/index.js';
import type { CompiledRetention } from './conditions.js';
import type { FateReader, Unreadable } from './fate.js';
import { fieldsRead, heldBy, recordsOf, valueKey } from './rows.js';

const MAX_DEPTH = 6;

/** What the decision reads and the deletion writes with: a connector, or a session inside one batch's transaction. */
export type CascadeStore = Pick<ConnectorSession, 'findPages' | 'update' | 'delete'>;

/** What a cascade needs: the rule being swept, the rule of every collection (problems count as another), hold records. */
export interface CascadeContext {
  readonly model: PolicyModel;
  readonly rule: string;
  /** Qualified collection → the rule its rows follow (`?` when it could not be compiled). */
  readonly rules: ReadonlyMap<string, string>;
  readonly holdRecords: readonly HoldRecord[];
  readonly now: Date;
  /**
   * The row test of a collection's own condition, when it has one: a child of the same rule whose own date says it is
   * inside its period (or held, restricted, extended) stays, and keeps its parent if it requires it. `Unreadable` when
   * the condition exists but its test could not be prepared (a store it reads failed): its rows all stay.
   */
  readonly fateOf: (collection: CollectionModel) => Promise<FateReader | Unreadable | undefined>;
}

/** Qualified collection → the rule its rows follow; a collection whose rule could not be compiled follows `?` (another). */
export function rulesOf(compiled: CompiledRetention): ReadonlyMap<string, string> {
  return new Map<string, string>([
    ...compiled.problems.flatMap((p) => (p.collection === undefined ? [] : [[p.collection, '?'] as const])),
    ...compiled.conditions.map((c) => [c.collection, c.rule] as const),
  ]);
}

/**
 * Parent keys, among `keys`, that a sweep keeps for their children, and how many rows that stay would lose their
 * reference to a deleted row (read in chunks of 1,000).
 */
export async function blockedParents(
  ctx: CascadeContext,
  store: CascadeStore,
  parent: CollectionModel,
  keys: readonly Value[],
): Promise<{ blocked: Set<string>; unlinked: number }> {
  const blocked = new Set<string>();
  let unlinked = 0;
  for (let i = 0; i < keys.length; i += 1000) {
    const decision = await decideCascade(ctx, store, parent, keys.slice(i, i + 1000));
    for (const k of decision.blocked) blocked.add(k);
    const free = new Set(
      keys
        .slice(i, i + 1000)
        .map((k) => valueKey(k))
        .filter((k) => !decision.blocked.has(k)),
    );
    unlinked += unlinkedBy(decision, free);
  }
  return { blocked, unlinked };
}

/** Rows that stay but whose reference `applyCascade` nulls, for these free parent keys. */
function unlinkedBy(decision: CascadeDecision, freeKeys: ReadonlySet<string>): number {
  let n = 0;
  for (const child of decision.children) {
    const mine = child.rows.filter((r) => freeKeys.has(r.parent));
    n += mine.filter((r) => r.kept).length;
    const gone = mine.filter((r) => !r.kept);
    if (child.below && gone.length > 0) n += unlinkedBy(child.below, new Set(gone.map((r) => valueKey(r.id))));
  }
  return n;
}

/** One child row read for a decision: its key, the parent it references, and whether it must stay. */
interface ChildRow {
  readonly key: Record<string, KeyValue>;
  /** Its one-field key's value, when the key has one field (the rows below it are read by it). */
  readonly id: Value | undefined;
  readonly parent: string;
  readonly kept: boolean;
}

interface ChildDecision {
  readonly collection: CollectionModel;
  readonly field: string;
  readonly required: boolean;
  /** Another rule's rows: never deleted with the parent. */
  readonly other: boolean;
  readonly rows: readonly ChildRow[];
  readonly below?: CascadeDecision | undefined;
}

/** Which of the given parent keys must stay, and what was read to decide it (the deletion reuses it). */
export interface CascadeDecision {
  readonly blocked: ReadonlySet<string>;
  readonly children: readonly ChildDecision[];
}

/**
 * Collections of the same store whose rows reference a row of `parent` through its one-field key: `belongs` when they
 * belong to it (and may go with it); otherwise (an association, an owned address, a self-reference) they only point at it.
 */
export function childrenOf(
  model: PolicyModel,
  parent: CollectionModel,
): { collection: CollectionModel; field: string; belongs: boolean }[] {
  const [key, ...more] = parent.primaryKey;
  if (key === undefined || more.length > 0) return [];
  const found: { collection: CollectionModel; field: string; belongs: boolean }[] = [];
  for (const c of model.datasets.get(parent.dataset)?.collections.values() ?? []) {
    for (const f of [...c.fields.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const ref = f.references;
      if (ref?.dataset === parent.dataset && ref.collection === parent.name && ref.field === key) {
        found.push({ collection: c, field: f.name, belongs: ref.link === 'belongs-to' && c !== parent });
      }
    }
  }
  return found.sort((a, b) => a.collection.name.localeCompare(b.collection.name) || a.field.localeCompare(b.field));
}

/**
 * The first collection below `parent` whose rows a deletion would take along (`belongs-to`, the same rule, at any depth)
 * and whose own condition could not be tested, with the reason: the condition fails rather than decide without it.
 */
export async function untestableChild(
  ctx: CascadeContext,
  parent: CollectionModel,
  depth = 0,
): Promise<{ readonly collection: string; readonly reason: string } | undefined> {
  if (depth >= MAX_DEPTH) return undefined;
  for (const { collection, belongs } of childrenOf(ctx.model, parent)) {
    const rule = ctx.rules.get(collection.qualifiedName);
    if (!belongs || (rule !== undefined && rule !== ctx.rule)) continue;
    const own = await ctx.fateOf(collection);
    if (own !== undefined && 'unreadable' in own) return { collection: collection.qualifiedName, reason: own.unreadable };
    const below = await untestableChild(ctx, collection, depth + 1);
    if (below) return below;
  }
  return undefined;
}

/** Throws `store-unavailable` naming the child collection whose condition could not be tested (see `untestableChild`). */
export async function refuseUntestableChildren(ctx: CascadeContext, parent: CollectionModel): Promise<void> {
  const child = await untestableChild(ctx, parent);
  if (child)
    throw new CustosError({
      code: 'store-unavailable',
      message: `${child.collection}, whose rows go with ${parent.qualifiedName}'s, could not be tested (${child.reason}): nothing of ${parent.qualifiedName} is deleted until it can; run again`,
      details: { collection: child.collection },
    });
}

/**
 * Reads which parents stay: one a child under another rule references through a required field; one whose child under
 * the same rule is held (a hold record of an erasure), restricted, or itself stays for its own children, through a
 * required field. A child that stays through a nullable field only loses its reference. Children of a parent that stays
 * stay with it.
 */
export async function decideCascade(
  ctx: CascadeContext,
  store: CascadeStore,
  parent: CollectionModel,
  keys: readonly Value[],
  depth = 0,
): Promise<CascadeDecision> {
  const blocked = new Set<string>();
  const children: ChildDecision[] = [];
  if (keys.length === 0 || depth >= MAX_DEPTH) return { blocked, children };
  for (const { collection, field, belongs } of childrenOf(ctx.model, parent)) {
    const required = collection.fields.get(field)?.required === true;
    const rule = ctx.rules.get(collection.qualifiedName);
    // A row that only points at the parent, or follows another rule, is not the parent's to delete: it stays.
    const other = !belongs || (rule !== undefined && rule !== ctx.rule);
    const own = other ? undefined : await ctx.fateOf(collection);
    // A child whose own condition cannot be tested is never judged by holds alone: it stays, as another rule's would.
    const stays = other || (own !== undefined && 'unreadable' in own);
    const reader = own === undefined || 'unreadable' in own ? undefined : own;
    const keptTest = stays ? () => true : reader ? (row: Row) => reader.fate(row).kind !== 'due' : keptRow(ctx, collection);
    const fields = [
      ...new Set([
        ...(stays ? collection.primaryKey : reader ? reader.fields : fieldsReadForHolds(ctx, collection)),
        ...collection.primaryKey,
        field,
      ]),
    ];
    const rows: ChildRow[] = [];
    for await (const page of store.findPages({ collection, where: { [field]: keys } }, { fields })) {
      for (const row of page) {
        const [only, ...more] = collection.primaryKey;
        rows.push({
          key: collection.primaryKey.length > 0 ? primaryKeyOf(collection, row) : {},
          id: only !== undefined && more.length === 0 ? (row[only] ?? null) : undefined,
          parent: valueKey(row[field]),
          // A row that cannot be named by its key cannot be left behind alone: it keeps its parent.
          kept: keptTest(row) || collection.primaryKey.length === 0,
        });
      }
    }
    const candidates = rows.filter((r) => !r.kept && r.id !== undefined).map((r) => r.id as Value);
    const below = other ? undefined : await decideCascade(ctx, store, collection, candidates, depth + 1);
    const decided = rows.map((r) => (below && r.id !== undefined && below.blocked.has(valueKey(r.id)) ? { ...r, kept: true } : r));
    for (const r of decided) if (r.kept && (required || collection.primaryKey.length === 0)) blocked.add(r.parent);
    children.push({ collection, field, required, other, rows: decided, below });
  }
  return { blocked, children };
}

/** Deletes, children first, what belongs to the parent keys that do not stay; kept children's references are nulled. */
export async function applyCascade(
  store: CascadeStore,
  decision: CascadeDecision,
  freeKeys: ReadonlySet<string>,
  counts: Record<string, number>,
): Promise<void> {
  for (const child of decision.children) {
    const mine = child.rows.filter((r) => freeKeys.has(r.parent));
    const kept = mine.filter((r) => r.kept);
    const gone = mine.filter((r) => !r.kept);
    if (kept.length > 0) {
      // Only nullable references reach here (a required one kept the parent): erasure nulls them the same way.
      await store.update({ collection: child.collection, where: byKeys(child.collection, kept) }, { [child.field]: null });
    }
    if (gone.length === 0) continue;
    if (child.below) await applyCascade(store, child.below, new Set(gone.map((r) => valueKey(r.id))), counts);
    const deleted = await store.delete({ collection: child.collection, where: byKeys(child.collection, gone) });
    if (deleted > 0) counts[child.collection.qualifiedName] = (counts[child.collection.qualifiedName] ?? 0) + deleted;
  }
}

/** Rows by primary key: one IN-list for a one-field key, one group per row otherwise. */
export function byKeys(collection: CollectionModel, rows: readonly { readonly key: Record<string, KeyValue> }[]): Where | Where[] {
  const [only, ...more] = collection.primaryKey;
  if (only !== undefined && more.length === 0) return { [only]: rows.map((r) => r.key[only] ?? null) };
  return rows.map((r) => Object.fromEntries(Object.entries(r.key).map(([f, v]) => [f, [v]])));
}

/** A child row of the same rule that must stay: held by an erasure's hold record, or restricted (art. 18). */
function keptRow(ctx: CascadeContext, collection: CollectionModel): (row: Row) => boolean {
  const held = heldBy(ctx.model, collection, ctx.holdRecords, ctx.now);
  const restriction = collection.restriction;
  const restrictedValue = restriction && valueKey(restriction.value);
  return (row) => held(row) !== undefined || (restriction !== undefined && valueKey(row[restriction.field]) === restrictedValue);
}

/** The fields the kept test reads: key, restriction flag, the hold records' selections. */
function fieldsReadForHolds(ctx: CascadeContext, collection: CollectionModel): string[] {
  const names = new Set(fieldsRead(collection, {}, recordsOf(collection, ctx.holdRecords)));
  if (collection.restriction) names.add(collection.restriction.field);
  return [...names];
}
