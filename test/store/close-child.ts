// A process that writes past the checkpointer's start, closes its store, and says so: `src/store/sqlite/store.test.ts` runs it.
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { CHECKPOINTER_AFTER_WRITES } from '../../src/store/sqlite/checkpointer.js';

const file = process.argv[2];
if (!file) throw new Error('usage: close-child.ts FILE');
const store = openSqliteStore(file);
const at = new Date('2026-11-23T10:00:00Z');
for (let i = 0; i <= CHECKPOINTER_AFTER_WRITES; i++) {
  await store.journal.record({ id: `r${i}`, action: 'access', plan: {}, startedAt: at, status: 'completed', result: {}, finishedAt: at });
}
await store.close();
process.stdout.write('closed\n');
