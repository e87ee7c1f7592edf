// Access and portability: streams the person's rows collection by collection into a sink, secrets withheld before any sink sees them.
import type { Row, Value } from '../../connectors/index.js';
import { fieldBreaches, holdsCardNumbers, type CollectionModel, type FieldModel, type PolicyModel } from '../../policy/index.js';
import { planRequest } from '../planner.js';
import { resolveRequest, type CollectionVisitor } from '../resolve.js';
import type { ExecutionContext, RunRequest } from './context.js';
import { isoDate } from './dates.js';
import { existingRun } from './journaled.js';

/** A value as exported: secrets and protected values are replaced by a marker saying why. */
export type ExportedValue = string | number | boolean | null;
export interface WithheldMarkers {
  readonly secret: string;
  readonly encrypted: string;
  readonly hashed: string;
  /** Full card numbers held against the rules (a declared violation), with the last four digits when the value shows them. */
  readonly cardNumber: (last4: string | undefined) => string;
  /** Card security codes held against the rules. */
  readonly securityCode: string;
  /** Data of a forbidden category held against the rules. */
  readonly forbidden: string;
  /** Personal data of someone else than the requester, in a collection the manifest says to redact. */
  readonly otherPerson: string;
}
/** The markers in English; the access package uses those of its language. */
export const WITHHELD: WithheldMarkers = {
  secret: '[withheld: secret]',
  encrypted: '[stored encrypted]',
  hashed: '[stored hashed]',
  cardNumber: (last4) => `[full card number held${last4 === undefined ? '' : `, ending ${last4}`}: being removed]`,
  securityCode: '[card security code held: being removed]',
  forbidden: '[data we must not hold: being removed]',
  otherPerson: "[another person's data]",
};

/** How a field's values leave in an export: in clear, or replaced by which marker. */
export type Disclosure = 'clear' | 'secret' | 'encrypted' | 'hashed' | 'card-number' | 'security-code' | 'forbidden' | 'other-person';

/** Decided once per field (a model's fields are frozen): the export asks for every value. */
const disclosures = new WeakMap<FieldModel, Disclosure>();

/** Whether the field's values leave in clear or as which marker; the last three are data held against the rules. */
export function disclosureOf(model: PolicyModel, field: FieldModel): Disclosure {
  let d = disclosures.get(field);
  if (d === undefined) {
    const breaches = fieldBreaches(model, field);
    // K1.3: the issuer prefix and last four digits are what a card may be shown as, whatever the class's rule.
    const displayableCard = field.card === 'bin' || field.card === 'last4' || field.card === 'bin-last4';
    const collection = model.index.collections.get(`${field.dataset}.${field.collection}`);
    if (breaches.includes('security-code')) d = 'security-code';
    else if (breaches.includes('forbidden')) d = 'forbidden';
    else if (holdsCardNumbers(breaches)) d = 'card-number';
    else if (field.protection !== 'clear') d = field.protection;
    // Someone else's personal data, in a collection whose rows the package redacts (an account's agents).
    else if (collection?.thirdParty === 'redact' && field.category !== undefined) d = 'other-person';
    else if (displayableCard) d = 'clear';
    else if (breaches.length > 0 || (field.class !== undefined && !model.handling[field.class].exportInClear)) d = 'secret';
    else d = 'clear';
    disclosures.set(field, d);
  }
  return d;
}

/** The last four digits of a full card number stored in clear (what PCI DSS lets be shown), if the value is one. */
function lastFour(value: Value): string | undefined {
  const digits = String(value).replace(/\D/g, '');
  return digits.length >= 12 && digits.length <= 19 ? digits.slice(-4) : undefined;
}

/** The marker that replaces every value of a field in an export, or undefined when its values leave in clear. */
export function withheldMarker(model: PolicyModel, field: FieldModel, markers: WithheldMarkers = WITHHELD): string | undefined {
  const d = disclosureOf(model, field);
  switch (d) {
    case 'clear':
      return undefined;
    case 'card-number':
      return markers.cardNumber(undefined);
    case 'security-code':
      return markers.securityCode;
    case 'other-person':
      return markers.otherPerson;
    default:
      return markers[d];
  }
}

export interface ExportedCollection {
  readonly collection: CollectionModel;
  readonly fields: readonly FieldModel[];
  readonly rows: number;
}

/** Receives the export; the access package and the portability document are sinks. Each call may return nothing when it has nothing to wait for: the engine then does not wait. */
export interface ExportSink {
  beginCollection(collection: CollectionModel, fields: readonly FieldModel[]): void | Promise<void>;
  /** A collection of other people's rows the manifest says to count only (`thirdParty: count`): no row is sent. */
  counted?(collection: CollectionModel, rows: number): void | Promise<void>;
  row(values: Readonly<Record<string, ExportedValue>>): void | Promise<void>;
  endCollection(done: ExportedCollection): void | Promise<void>;
}

export interface ExportResult {
  readonly runId: string;
  readonly found: boolean;
  readonly collections: readonly ExportedCollection[];
}

export interface ExportOptions {
  readonly action: 'access' | 'portability';
  /** What replaces withheld values (default: the English markers). */
  readonly markers?: WithheldMarkers;
  /** Which fields of a collection to export (default: every declared field). */
  readonly fields?: (collection: CollectionModel, model: PolicyModel) => readonly FieldModel[];
}

/**
 * The value as the person may see it (K1.2: high-class values never leave in clear). Data held against the rules (a
 * declared violation) is stated, never shown: a full card number as its last four digits.
 */
export function exportValue(
  model: PolicyModel,
  field: FieldModel,
  value: Value | undefined,
  markers: WithheldMarkers = WITHHELD,
): ExportedValue {
  if (value === null || value === undefined) return null;
  const d = disclosureOf(model, field);
  if (d !== 'clear') {
    if (d === 'card-number') return markers.cardNumber(field.protection === 'clear' ? lastFour(value) : undefined);
    return d === 'security-code' ? markers.securityCode : d === 'other-person' ? markers.otherPerson : markers[d];
  }
  // One form whichever engine stored it: SQLite hands over its text (`2022-03-11 00:00:00`), PostgreSQL and MariaDB a Date.
  if ((field.type === 'datetime' || field.type === 'date') && (typeof value === 'string' || value instanceof Date)) {
    const iso = isoDate(field.type, value);
    if (iso !== undefined) return iso;
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** Portability (art. 20): fields the person provided, processed on consent or contract. */
export function portableFields(collection: CollectionModel, model: PolicyModel): FieldModel[] {
  return [...collection.fields.values()].filter(
    (f) => f.provided && f.category !== undefined && (model.index.purposesByCategory.get(f.category) ?? []).some((p) => p.portable),
  );
}

type FieldChooser = NonNullable<ExportOptions['fields']>;
const allFields: FieldChooser = (collection) => [...collection.fields.values()];

/** A collection's exported fields and their names, decided once per chooser and collection (a model's are fixed). */
const chosen = new WeakMap<FieldChooser, WeakMap<CollectionModel, { fields: readonly FieldModel[]; names: readonly string[] }>>();

function chosenFields(model: PolicyModel, collection: CollectionModel, choose: FieldChooser) {
  let byCollection = chosen.get(choose);
  if (!byCollection) chosen.set(choose, (byCollection = new WeakMap()));
  let choice = byCollection.get(collection);
  if (!choice) {
    const fields = choose(collection, model);
    byCollection.set(collection, (choice = { fields, names: fields.map((f) => f.name) }));
  }
  return choice;
}

/**
 * Streams the person's rows into the sink in one pass: each collection is read once (identity collections during
 * expansion), its rows exported and the keys later lookups need collected from the same read. Access is not destructive: the journal records the finished run in
 * one write, with no resumable steps; running the same id again exports afresh. An id of another action is refused.
 */
export async function exportPersonData(
  ctx: ExecutionContext,
  request: RunRequest,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportResult> {
  const startedAt = ctx.clock.now();
  const plan = planRequest(ctx.model, { action: options.action, identityKeys: [...request.identities.keys()] });
  const collections: ExportedCollection[] = [];
  const markers = options.markers ?? WITHHELD;
  const fieldsOf = (collection: CollectionModel) => chosenFields(ctx.model, collection, options.fields ?? allFields);
  let rows = 0;
  // Rows are written without waiting unless the sink asks to (it returns a promise): most sinks never do.
  const write = (fields: readonly FieldModel[], page: readonly Row[], from: number): void | Promise<void> => {
    for (let i = from; i < page.length; i++) {
      const row = page[i]!;
      const values: Record<string, ExportedValue> = {};
      for (const f of fields) values[f.name] = exportValue(ctx.model, f, row[f.name], markers);
      rows++;
      const wait = sink.row(values);
      if (wait) return wait.then(() => write(fields, page, i + 1));
    }
  };
  const visit: CollectionVisitor = {
    fields: (_, collection) => fieldsOf(collection).names,
    page(_, collection, page) {
      const { fields } = fieldsOf(collection);
      if (fields.length === 0) return;
      if (collection.thirdParty === 'count') return void (rows += page.length);
      if (rows === 0) {
        const begun = sink.beginCollection(collection, fields);
        if (begun) return begun.then(() => write(fields, page, 0));
      }
      return write(fields, page, 0);
    },
    end(lookup, collection) {
      if (rows === 0) return;
      const done = { collection, fields: fieldsOf(collection).fields, rows };
      rows = 0;
      collections.push(done);
      const told = () => ctx.onProgress?.({ type: 'collection-exported', collection: lookup.collection, rows: done.rows });
      const ended = collection.thirdParty === 'count' ? sink.counted?.(collection, done.rows) : sink.endCollection(done);
      return ended ? ended.then(told) : told();
    },
  };
  const { found } = await resolveRequest(ctx.model, plan, request.identities, ctx.pool, { signal: ctx.signal, visit });
  const recorded = await ctx.store.journal.record({
    id: request.id,
    action: options.action,
    // Nothing to resume, but the record says what was run: the store keeps each distinct plan once, shared by requests.
    plan,
    startedAt,
    status: 'completed',
    // Rows exported per collection, as a compact map: the record is written on every request.
    result: {
      found,
      rows: collections.reduce((n, c) => n + c.rows, 0),
      collections: Object.fromEntries(collections.map((c) => [c.collection.qualifiedName, c.rows])),
    },
    finishedAt: ctx.clock.now(),
  });
  if (!recorded) await existingRun(ctx, request.id, options.action);
  return { runId: request.id, found, collections };
}
