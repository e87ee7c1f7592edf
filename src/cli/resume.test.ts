// A failed request suggests resuming only when a journaled run is waiting to be resumed.
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../store/index.js';
import { resumeHint } from './resume.js';

const at = new Date('2026-11-23T10:00:00Z');
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('resumeHint', () => {
  it('names the id of a run journaled and not ended (a store that failed mid-run, an interrupted erasure)', async () => {
    store = openSqliteStore(':memory:');
    await store.journal.open({ id: 'erase-1', action: 'erase', plan: {}, resolution: {}, startedAt: at });
    expect(await resumeHint(store, 'erase-1')).toBe('request erase-1 stopped; run the same command with --request-id erase-1 to resume');
  });

  it('says nothing when nothing was journaled (the request was refused before it started)', async () => {
    store = openSqliteStore(':memory:');
    expect(await resumeHint(store, 'rectify-1')).toBeUndefined();
  });

  it('says nothing for a run that has ended: running it again only answers its result', async () => {
    store = openSqliteStore(':memory:');
    await store.journal.open({ id: 'erase-2', action: 'erase', plan: {}, startedAt: at });
    await store.journal.finish('erase-2', 'completed', {}, at);
    expect(await resumeHint(store, 'erase-2')).toBeUndefined();
  });

  it('gives the hint when the store cannot say, since the run may have been journaled before it failed', async () => {
    const closed = openSqliteStore(':memory:');
    await closed.close();
    expect(await resumeHint(closed, 'erase-3')).toMatch(/--request-id erase-3 to resume$/);
  });
});
