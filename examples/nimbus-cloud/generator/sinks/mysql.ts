// Loads a dataset into MySQL/MariaDB: multi-row INSERTs of 1,000 rows on one connection, then indexes and foreign keys.
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import { CompiledQuery, Kysely, MysqlDialect, sql } from 'kysely';
import { CustosError } from '../../../../src/errors.js';
import type { TablePlan } from '../schema.js';
import {
  buildIndexesAndKeys,
  createTable,
  dropTables,
  placeholderRows,
  refuseExistingTables,
  type AnyDatabase,
  type CreateOptions,
} from './ddl.js';
import { encoderFor, type Encoder } from './encode.js';
import type { DatasetLoader, LoaderOptions } from './loader.js';
import { WriteQueue } from './queue.js';

/** Rows per INSERT: about 200 KB of text, far under MariaDB's default 16 MB max_allowed_packet. */
const BATCH = 1000;
/** Foreign keys are added after the load. */
const CREATE: CreateOptions = { inlineForeignKeys: false };

interface TableState {
  readonly plan: TablePlan;
  readonly names: readonly string[];
  readonly encoders: readonly Encoder[];
  readonly insert: string;
  values: unknown[];
  filled: number;
}

export interface MysqlTarget {
  readonly url: string;
  /** Database to create the tables in (created when missing); undefined: the one the URL names. */
  readonly database?: string | undefined;
  readonly label: string;
}

function query(connection: PoolConnection, text: string, values: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => connection.query(text, values, (error) => (error ? reject(error) : resolve())));
}

export function createMysqlLoader(target: MysqlTarget, options: LoaderOptions): DatasetLoader {
  const uri = target.url.replace(/^mariadb:/i, 'mysql:');
  const database = target.database ?? decodeURIComponent(new URL(uri).pathname.slice(1));
  if (!database) throw new CustosError({ code: 'config', message: `${target.label}: the mysql url must name a database` });
  const pool: Pool = createPool({ uri, connectionLimit: 2, timezone: 'Z', charset: 'utf8mb4', multipleStatements: false });
  pool.on('connection', (connection) => connection.on('error', () => undefined));
  const root = new Kysely<AnyDatabase>({
    dialect: new MysqlDialect({
      pool,
      // Foreign keys are added after the load without re-checking every row (the generator wrote them consistent).
      onCreateConnection: async (connection) => void (await connection.executeQuery(CompiledQuery.raw('set foreign_key_checks = 0'))),
    }),
  });
  const db = root.withSchema(database);
  const states = new Map<TablePlan, TableState>();
  let connection: PoolConnection | undefined;
  const queue = new WriteQueue();

  const send = (state: TableState, text: string) => {
    const values = state.values;
    state.values = [];
    state.filled = 0;
    queue.push(async () => {
      if (connection) await query(connection, text, values);
    });
  };

  return {
    location: target.label,
    async prepare() {
      await sql`create database if not exists ${sql.id(database)} character set utf8mb4 collate utf8mb4_unicode_ci`.execute(root);
      await refuseExistingTables(root, database, options.tables, Boolean(options.force), target.label);
      // Kysely's MySQL pool may hand each statement another connection: every one of them has foreign key checks off.
      await dropTables(db, options.tables, 'mysql');
      for (const plan of options.tables) {
        await createTable(db, plan, 'mysql', CREATE);
        states.set(plan, {
          plan,
          names: plan.columns.map((c) => c.name),
          encoders: plan.columns.map((c) => encoderFor(c.type, 'mysql')),
          insert: db.insertInto(plan.name).values(placeholderRows(plan, BATCH)).compile().sql,
          values: [],
          filled: 0,
        });
      }
      connection = await new Promise<PoolConnection>((resolve, reject) =>
        pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
      );
      await query(connection, 'set foreign_key_checks = 0, unique_checks = 0');
    },
    write(table, row) {
      const state = states.get(table);
      if (!state) throw new CustosError({ code: 'internal', message: `no table ${table.qualifiedName} in ${target.label}` });
      const { names, encoders, values } = state;
      for (let i = 0; i < names.length; i++) values.push((encoders[i] as Encoder)(row[names[i] as string] ?? null));
      if (++state.filled === BATCH) send(state, state.insert);
    },
    drain: () => queue.drain(),
    async finish(onStep) {
      for (const state of states.values()) {
        if (state.filled > 0) send(state, db.insertInto(state.plan.name).values(placeholderRows(state.plan, state.filled)).compile().sql);
      }
      await queue.drain();
      connection?.release();
      connection = undefined;
      await buildIndexesAndKeys(db, options.tables, onStep, CREATE);
    },
    close: () =>
      queue.close(async () => {
        connection?.release();
        connection = undefined;
        await root.destroy();
      }),
  };
}
