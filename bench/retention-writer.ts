// The retention benchmark's concurrent writer, in a process of its own so the sweep's work never delays its clock:
// inserts one row at a time into the swept table until its stdin closes, then prints each insert's latency (ms).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';

const { kind, target, schema, firstId, now } = JSON.parse(process.argv[2] ?? '{}') as {
  kind: 'sqlite' | 'postgres';
  target: string;
  schema?: string;
  firstId: number;
  now: string;
};

// The parent closes stdin to stop the writer (a line on a pipe kept open was seen to arrive only at its end).
let stopped = false;
process.stdin.on('end', () => (stopped = true)).resume();

const latencies: number[] = [];
let id = firstId;
if (kind === 'sqlite') {
  const db = new Database(target, { timeout: 60_000 });
  const insert = db.prepare('INSERT INTO events (id, account_id, ip, ts) VALUES (?, ?, ?, ?)');
  while (!stopped) {
    const began = performance.now();
    insert.run(id, id % 100_000, '10.0.0.1', now);
    latencies.push(performance.now() - began);
    id++;
    await sleep(2);
  }
  db.close();
} else {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  if (schema) await client.query(`SET search_path TO ${schema}`);
  while (!stopped) {
    const began = performance.now();
    await client.query({
      name: 'insert',
      text: 'INSERT INTO events (id, account_id, ip, ts) VALUES ($1, $2, $3, $4)',
      values: [id, id % 100_000, '10.0.0.1', now],
    });
    latencies.push(performance.now() - began);
    id++;
    await sleep(2);
  }
  await client.end();
}
process.stdout.write(`${JSON.stringify(latencies)}\n`);
