// The loader of one dataset's store: tables prepared, rows buffered and sent in bulk, indexes and foreign keys built last.
import type { GeneratedRow } from '../rows.js';
import type { TablePlan } from '../schema.js';

export interface DatasetLoader {
  /** Where the rows go, safe to show: a file path, or host/database without credentials. */
  readonly location: string;
  /** Creates the tables (after dropping existing ones when `force`); refuses existing tables otherwise. */
  prepare(): Promise<void>;
  /** Buffers one row of `table`; full buffers are sent at once (SQLite) or in the background (servers). */
  write(table: TablePlan, row: GeneratedRow): void;
  /** Waits until everything buffered so far is stored: the generator's backpressure between chunks of customers. */
  drain(): Promise<void>;
  /** Stores the rest, then builds indexes and foreign keys; `onStep` names each. */
  finish(onStep: (step: string) => void): Promise<void>;
  /** Releases files and connections; safe to call twice and after a failure. */
  close(): Promise<void>;
}

export interface LoaderOptions {
  readonly tables: readonly TablePlan[];
  /** Drop and recreate tables (or keys) that already exist. */
  readonly force: boolean;
}
