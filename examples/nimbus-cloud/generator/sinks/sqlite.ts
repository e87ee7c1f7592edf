// Loads a dataset into a SQLite file: multi-row prepared INSERTs in large transactions, journal and sync off, indexes last.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CustosError } from '../../../../src/errors.js';
import type { TablePlan } from '../schema.js';
import { buildIndexesAndKeys, createTable, dropTables, placeholderRows, type AnyDatabase, type CreateOptions } from './ddl.js';
import { encoderFor, type Encoder } from './encode.js';
import type { DatasetLoader, LoaderOptions } from './loader.js';

/** Rows per INSERT statement (measured: 64 rows per call is ~2x faster than one, far under SQLite's 32,766 parameters). */
const BATCH = 64;
/** Rows per transaction: big enough to amortise commits, small enough to bound the page cache's dirty pages. */
const ROWS_PER_TRANSACTION = 500_000;
/** SQLite declares foreign keys with the table: nothing to add after the load. */
const CREATE: CreateOptions = { inlineForeignKeys: true };

interface TableState {
  readonly encoders: readonly Encoder[];
  readonly names: readonly string[];
  readonly batch: Database.Statement;
  readonly single: Database.Statement;
  readonly buffer: unknown[];
  filled: number;
}

export function createSqliteLoader(file: string, options: LoaderOptions): DatasetLoader {
  let database: Database.Database | undefined;
  let db: Kysely<AnyDatabase> | undefined;
  const states = new Map<TablePlan, TableState>();
  let inTransaction = 0;

  const open = () => {
    mkdirSync(dirname(file), { recursive: true });
    database = new Database(file);
    db = new Kysely<AnyDatabase>({ dialect: new SqliteDialect({ database }) });
    return database;
  };

  const commitIfDue = (rows: number) => {
    inTransaction += rows;
    if (inTransaction < ROWS_PER_TRANSACTION || !database) return;
    database.exec('commit; begin');
    inTransaction = 0;
  };

  return {
    location: file,
    async prepare() {
      let sqlite = open();
      const ours = new Set(options.tables.map((t) => t.name));
      const existing = (
        sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]
      ).map((r) => r.name);
      if (existing.some((name) => ours.has(name))) {
        if (!options.force) {
          throw new CustosError({
            code: 'conflict',
            message: `${file} already holds the sample's tables: pass force to replace them`,
            details: { file },
          });
        }
        // The file holds nothing else: starting from an empty file is much faster than dropping tables of millions of rows.
        if (existing.every((name) => ours.has(name))) {
          await db?.destroy();
          for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
          sqlite = open();
        } else {
          sqlite.pragma('foreign_keys = OFF');
          await dropTables(db as Kysely<AnyDatabase>, options.tables, 'sqlite');
        }
      }
      for (const pragma of [
        'journal_mode = OFF',
        'synchronous = OFF',
        'locking_mode = EXCLUSIVE',
        'temp_store = MEMORY',
        'cache_size = -262144',
        'foreign_keys = OFF',
      ]) {
        sqlite.pragma(pragma);
      }
      const kysely = db as Kysely<AnyDatabase>;
      for (const plan of options.tables) {
        await createTable(kysely, plan, 'sqlite', CREATE);
        states.set(plan, {
          names: plan.columns.map((c) => c.name),
          encoders: plan.columns.map((c) => encoderFor(c.type, 'sqlite')),
          batch: sqlite.prepare(kysely.insertInto(plan.name).values(placeholderRows(plan, BATCH)).compile().sql),
          single: sqlite.prepare(kysely.insertInto(plan.name).values(placeholderRows(plan, 1)).compile().sql),
          buffer: new Array(BATCH * plan.columns.length).fill(null),
          filled: 0,
        });
      }
      sqlite.exec('begin');
    },
    write(table, row) {
      const state = states.get(table);
      if (!state) throw new CustosError({ code: 'internal', message: `no table ${table.qualifiedName} in ${file}` });
      const { names, encoders, buffer } = state;
      let offset = state.filled * names.length;
      for (let i = 0; i < names.length; i++) buffer[offset++] = (encoders[i] as Encoder)(row[names[i] as string] ?? null);
      if (++state.filled === BATCH) {
        state.batch.run(buffer);
        state.filled = 0;
        commitIfDue(BATCH);
      }
    },
    async drain() {},
    async finish(onStep) {
      const sqlite = database as Database.Database;
      for (const state of states.values()) {
        const width = state.names.length;
        for (let r = 0; r < state.filled; r++) state.single.run(state.buffer.slice(r * width, (r + 1) * width));
        state.filled = 0;
      }
      sqlite.exec('commit');
      await buildIndexesAndKeys(db as Kysely<AnyDatabase>, options.tables, onStep, CREATE);
      onStep('analyze');
      sqlite.pragma('analysis_limit = 1000');
      sqlite.exec('analyze');
      // Readers (the connectors, benchmarks) get WAL; foreign keys are enforced by whoever opens the file next.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('locking_mode = NORMAL');
    },
    async close() {
      const kysely = db;
      db = undefined;
      database = undefined;
      await kysely?.destroy();
    },
  };
}
