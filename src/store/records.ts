// The journal's records, each kind with a version and a zod schema: a record is checked as it is read, so a resumed run
// never replays what this Custos cannot read (a newer version, a damaged record) and fails deep in an executor instead.
import { z } from 'zod';
import { CustosError } from '../errors.js';

/** A run (its plan, resolution and result), and the kinds of entries its step log holds. */
export const JOURNAL_RECORD_KINDS = ['run', 'intents', 'done', 'attempt'] as const;
export type JournalRecordKind = (typeof JOURNAL_RECORD_KINDS)[number];

/**
 * The version of each kind this Custos writes, and the newest it reads. Bump a kind's version when what it holds changes
 * meaning; a record of a newer version (journaled by a newer Custos) is refused, never guessed at.
 */
export const JOURNAL_RECORD_VERSIONS: Readonly<Record<JournalRecordKind, number>> = Object.freeze({
  run: 1,
  intents: 1,
  done: 1,
  attempt: 1,
});

const stepId = z.string().min(1);
/** What the rights engine records (plans, resolutions, intents, results) the store keeps as JSON; the engine checks them. */
const json = z.unknown();

export const JOURNAL_RECORD_SCHEMAS = {
  run: z.object({
    plan: z.record(z.string(), json),
    resolution: z.record(z.string(), json).optional(),
    result: json.optional(),
  }),
  intents: z.array(z.object({ stepId, intent: json })),
  done: z.array(z.object({ stepId, result: json.optional() })),
  attempt: z.array(z.object({ stepId, rows: z.number().int().nonnegative() })),
} as const satisfies Record<JournalRecordKind, z.ZodType>;

export type JournalRecord<K extends JournalRecordKind> = z.infer<(typeof JOURNAL_RECORD_SCHEMAS)[K]>;

/**
 * Checks a record read from the journal: its version is one this Custos reads, and its content matches its schema.
 * Refuses with a CustosError naming the run, the kind and the versions, or where the record breaks its schema (never a
 * value of the record: it may be personal data).
 */
export function checkJournalRecord<K extends JournalRecordKind>(
  runId: string,
  kind: K,
  version: number,
  record: unknown,
): JournalRecord<K> {
  const known = JOURNAL_RECORD_VERSIONS[kind];
  if (version > known) {
    throw new CustosError({
      code: 'precondition-failed',
      message: `run "${runId}" was journaled by a newer Custos (its ${kind} record is version ${version}; this version reads up to ${known}): resume it with that newer version`,
      details: { runId, kind, version, known },
    });
  }
  const checked = JOURNAL_RECORD_SCHEMAS[kind].safeParse(record);
  if (!checked.success) throw damagedRecord(runId, kind, checked.error.issues);
  return checked.data as JournalRecord<K>;
}

/** Parses a record's JSON text; text that is not JSON is a damaged record too. */
export function parseJournalText(runId: string, kind: JournalRecordKind, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damagedRecord(runId, kind, [{ path: [], message: 'not JSON' }]);
  }
}

/** A record that breaks its schema, named by run, kind and the first place it breaks. */
export function damagedRecord(
  runId: string,
  kind: string,
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): CustosError {
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  return new CustosError({
    code: 'store-error',
    message: `run "${runId}" cannot be resumed: its journaled ${kind} record does not match its schema${where} (${first?.message ?? 'unreadable'}); the journal was changed or damaged outside Custos`,
    details: { runId, kind },
  });
}
