// Drafts of three sample-database-shaped schemas, scored against labels a privacy engineer wrote: categories and reference links.
import { describe, expect, it } from 'vitest';
import { draftDataset } from '../../src/discover/index.js';
import { serviceUrl } from '../services.js';
import { buildStore, introspectStore, type Engine } from './build.js';
import { HELPDESK } from './helpdesk.js';
import { TRADING } from './northwind.js';
import { HUMAN_RESOURCES } from './hr.js';
import { MUSIC_STORE } from './music.js';
import { FILM_RENTAL } from './rental.js';
import { inSnakeCase, type LabelledSchema } from './schemas.js';
import { describeFigures, precision, recall, scoreDraft, sumFigures, type DraftScore } from './score.js';

interface Case {
  readonly schema: LabelledSchema;
  readonly engine: Engine;
  /** The store declares foreign keys (else references must be read from the column names). */
  readonly foreignKeys: boolean;
}

const CASES: readonly Case[] = [
  { schema: MUSIC_STORE, engine: 'sqlite', foreignKeys: false },
  { schema: inSnakeCase(MUSIC_STORE), engine: 'postgres', foreignKeys: true },
  { schema: FILM_RENTAL, engine: 'sqlite', foreignKeys: true },
  { schema: FILM_RENTAL, engine: 'mysql', foreignKeys: true },
  { schema: HUMAN_RESOURCES, engine: 'sqlite', foreignKeys: true },
  { schema: HUMAN_RESOURCES, engine: 'postgres', foreignKeys: true },
  { schema: TRADING, engine: 'sqlite', foreignKeys: true },
  { schema: inSnakeCase(TRADING), engine: 'postgres', foreignKeys: true },
  { schema: HELPDESK, engine: 'sqlite', foreignKeys: false },
  { schema: HELPDESK, engine: 'mysql', foreignKeys: true },
];

/**
 * Floors the drafts reach on these schemas (micro-averaged over every case that ran). Drafts of word-blind name patterns with
 * no links scored categories P 0.73 R 0.55, references P 0.72 R 0.59 (undeclared links read as associations), and walked
 * no reference at all (R 0 of 38). The trading and helpdesk schemas were labelled before any draft of them ran; their
 * first scores were categories P 0.97 R 0.71 and references 1.00 (trading); categories P 0.71–0.75 R 0.71, references
 * P 0.83–0.88 R 0.58–0.83, walked links P 0.71–0.80 (helpdesk). What remains wrong there is ambiguous by name alone: a
 * team with a mailbox reads as people, and free text (a ticket's body) is not categorised.
 */
const FLOOR = {
  categories: { precision: 0.94, recall: 0.95 },
  references: { precision: 0.95, recall: 0.95 },
  walked: { precision: 0.95, recall: 0.95 },
};

async function draftOf(c: Case): Promise<{ yaml: string; score: DraftScore }> {
  const server = c.engine === 'sqlite' ? undefined : serviceUrl(c.engine);
  const store = await buildStore(c.schema, c.engine, server, c.foreignKeys);
  try {
    const collections = await introspectStore(store);
    const draft = draftDataset(collections, {
      name: c.schema.name,
      kind: c.engine,
      store: c.engine === 'sqlite' ? { file: 'x.db' } : { env: 'DATABASE_URL' },
    });
    return { yaml: draft.yaml, score: scoreDraft(draft.yaml, c.schema.labels) };
  } finally {
    await store.drop();
  }
}

describe('drafts of sample-database-shaped schemas', () => {
  const scores: DraftScore[] = [];

  for (const c of CASES) {
    const available = c.engine === 'sqlite' || serviceUrl(c.engine) !== undefined;
    it.skipIf(!available)(`${c.schema.name} in ${c.engine}${c.foreignKeys ? '' : ' without foreign keys'}`, async () => {
      const { score } = await draftOf(c);
      scores.push(score);
      console.log(
        `[discover] ${c.schema.name}/${c.engine}: categories ${describeFigures(score.categories)}; references ${describeFigures(score.references)}; walked links ${describeFigures(score.walked)}\n  ${score.mistakes.join('\n  ')}`,
      );
    });
  }

  // Runs after the cases above (tests of a file run in order).
  it('reaches the precision and recall floors over every draft', () => {
    expect(scores.length).toBeGreaterThan(0);
    const total = {
      categories: sumFigures(scores.map((s) => s.categories)),
      references: sumFigures(scores.map((s) => s.references)),
      walked: sumFigures(scores.map((s) => s.walked)),
    };
    console.log(
      `[discover] all ${scores.length} drafts: categories ${describeFigures(total.categories)}; references ${describeFigures(total.references)}; walked links ${describeFigures(total.walked)}`,
    );
    for (const kind of ['categories', 'references', 'walked'] as const) {
      expect(precision(total[kind]), `${kind} precision`).toBeGreaterThanOrEqual(FLOOR[kind].precision);
      expect(recall(total[kind]), `${kind} recall`).toBeGreaterThanOrEqual(FLOOR[kind].recall);
    }
  });
});
