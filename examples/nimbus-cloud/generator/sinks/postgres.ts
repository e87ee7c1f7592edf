// Loads a dataset into PostgreSQL: one INSERT … SELECT FROM unnest(column arrays) per 5,000 rows, then indexes and foreign keys.
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import { CustosError } from '../../../../src/errors.js';
import type { TablePlan } from '../schema.js';
import {
  buildIndexesAndKeys,
  columnType,
  createTable,
  dropTables,
  refuseExistingTables,
  type AnyDatabase,
  type CreateOptions,
} from './ddl.js';
import { encoderFor, type Encoder } from './encode.js';
import type { DatasetLoader, LoaderOptions } from './loader.js';
import { WriteQueue } from './queue.js';

/**
 * Rows per statement. unnest takes one array parameter per column, so a batch costs as many parameters as there are
 * columns, whatever its size: nearly COPY's speed without a COPY client (pg-copy-streams).
 */
const BATCH = 5000;
/** Foreign keys are added after the load. */
const CREATE: CreateOptions = { inlineForeignKeys: false };

interface TableState {
  readonly names: readonly string[];
  readonly encoders: readonly Encoder[];
  readonly insert: CompiledQuery;
  columns: unknown[][];
  filled: number;
}

export interface PostgresTarget {
  readonly url: string;
  /** Schema to create the tables in (created when missing); undefined: the connection's default. */
  readonly schema?: string | undefined;
  readonly label: string;
}

export function createPostgresLoader(target: PostgresTarget, options: LoaderOptions): DatasetLoader {
  const pool = new pg.Pool({ connectionString: target.url, max: 2, application_name: 'custos-nimbus-generator' });
  // An idle client's error would otherwise end the process; the next query reports it.
  pool.on('error', () => undefined);
  const root = new Kysely<AnyDatabase>({ dialect: new PostgresDialect({ pool }) });
  const db = target.schema ? root.withSchema(target.schema) : root;
  const states = new Map<TablePlan, TableState>();
  let client: pg.PoolClient | undefined;
  const queue = new WriteQueue();

  const send = (state: TableState) => {
    const values = state.columns;
    state.columns = state.names.map(() => []);
    state.filled = 0;
    queue.push(async () => {
      if (client) await client.query(state.insert.sql, values);
    });
  };

  return {
    location: target.label,
    async prepare() {
      if (target.schema) await root.schema.createSchema(target.schema).ifNotExists().execute();
      await refuseExistingTables(
        root,
        target.schema ?? sql<string>`current_schema()`,
        options.tables,
        Boolean(options.force),
        target.label,
      );
      await dropTables(db, options.tables, 'postgres');
      for (const plan of options.tables) {
        await createTable(db, plan, 'postgres', CREATE);
        const table = target.schema ? `${target.schema}.${plan.name}` : plan.name;
        const arrays = plan.columns.map((c) => sql`${null}::${sql.raw(`${columnType(c, 'postgres')}[]`)}`);
        const insert = sql`insert into ${sql.table(table)} (${sql.join(plan.columns.map((c) => sql.ref(c.name)))}) select * from unnest(${sql.join(arrays)})`;
        states.set(plan, {
          names: plan.columns.map((c) => c.name),
          encoders: plan.columns.map((c) => encoderFor(c.type, 'postgres')),
          insert: insert.compile(root),
          columns: plan.columns.map(() => []),
          filled: 0,
        });
      }
      client = await pool.connect();
      // Durability is not needed for generated data, and the load goes twice as fast without waiting for each flush.
      await client.query('set synchronous_commit = off');
    },
    write(table, row) {
      const state = states.get(table);
      if (!state) throw new CustosError({ code: 'internal', message: `no table ${table.qualifiedName} in ${target.label}` });
      const { names, encoders, columns } = state;
      for (let i = 0; i < names.length; i++) (columns[i] as unknown[]).push((encoders[i] as Encoder)(row[names[i] as string] ?? null));
      if (++state.filled === BATCH) send(state);
    },
    drain: () => queue.drain(),
    async finish(onStep) {
      for (const state of states.values()) if (state.filled > 0) send(state);
      await queue.drain();
      client?.release();
      client = undefined;
      await buildIndexesAndKeys(db, options.tables, onStep, CREATE);
      onStep('analyze');
      for (const plan of options.tables)
        await sql`analyze ${sql.table(target.schema ? `${target.schema}.${plan.name}` : plan.name)}`.execute(root);
    },
    close: () =>
      queue.close(async () => {
        client?.release();
        client = undefined;
        await root.destroy();
      }),
  };
}
