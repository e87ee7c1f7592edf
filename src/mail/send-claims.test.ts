// sendQueued in two processes at once: each queued message claimed by one pass, so sent exactly once, on PostgreSQL (two
// pools on one schema) and on SQLite (two handles on one file); a dead sender's claim ends and its messages go out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../test/services.js';
import type { Clock } from '../clock.js';
import { openPostgresStore, openSqliteStore, type Store } from '../store/index.js';
import { messageParams } from './params.js';
import { sendQueued, type MailSendResult } from './send.js';
import type { MailTransport, OutgoingMail } from './transport.js';

const RENDER = { organizationName: 'Example Hosting', privacyCenterUrl: 'https://privacy.example.test' };
const NOW = new Date('2028-02-10T09:00:00Z');
const MESSAGES = 200;
const pgUrl = serviceUrl('postgres');

/** A clock the test moves. */
function movable(start: Date): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/** A transport that counts what it is handed, per message id; each send yields, so two passes interleave. */
function countingTransport(): MailTransport & { readonly counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    delivers: true,
    describe: 'counting',
    async send(mail: OutgoingMail) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() < 0.5 ? 0 : 1));
      counts.set(mail.id, (counts.get(mail.id) ?? 0) + 1);
      return {};
    },
    close: async () => undefined,
  };
}

async function enqueueAll(store: Store, n: number): Promise<void> {
  const params = messageParams('received', { requestId: 'req_c1', kind: 'access', receivedOn: '2028-02-10', dueDate: '2028-03-11' });
  for (let i = 0; i < n; i++)
    await store.outbox.enqueue({
      id: `m${String(i).padStart(4, '0')}`,
      requestId: 'req_c1',
      to: `person${i}@example.test`,
      template: 'received',
      language: i % 2 === 0 ? 'en' : 'fr',
      params,
      queuedAt: new Date(NOW.getTime() + i),
    });
}

/** One process's sender: passes of `limit` until one finds nothing to claim. */
async function drain(store: Store, transport: MailTransport, clock: Clock, limit: number): Promise<MailSendResult[]> {
  const all: MailSendResult[] = [];
  for (;;) {
    const results = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock, limit });
    if (results.length === 0) return all;
    all.push(...results);
  }
}

interface Engine {
  readonly name: string;
  readonly skip: boolean;
  /** Two handles on one new store, as two processes have. */
  open(): Promise<{ a: Store; b: Store; dispose(): Promise<void> }>;
}

const sqlite: Engine = {
  name: 'SQLite (two handles on one file)',
  skip: false,
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'custos-claims-'));
    const file = join(dir, 'custos.db');
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    return {
      a,
      b,
      async dispose() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Engine = {
  name: 'PostgreSQL (two pools on one schema)',
  skip: !pgUrl,
  async open() {
    const schema = `custos_claims_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const a = openPostgresStore(pgUrl!, { schema });
    await a.ready();
    const b = openPostgresStore(pgUrl!, { schema });
    await b.ready();
    return {
      a,
      b,
      async dispose() {
        await a.close();
        await b.close();
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  },
};

for (const engine of [sqlite, postgres]) {
  describe.skipIf(engine.skip)(`sendQueued on ${engine.name}`, () => {
    let dispose: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await dispose?.();
      dispose = undefined;
    });

    it(`sends each of ${MESSAGES} queued messages exactly once with two processes sending at the same time`, async () => {
      const opened = await engine.open();
      dispose = opened.dispose;
      await enqueueAll(opened.a, MESSAGES);
      const transport = countingTransport();
      const clock = movable(NOW);
      const [first, second] = await Promise.all([drain(opened.a, transport, clock, 20), drain(opened.b, transport, clock, 20)]);
      expect(transport.counts.size).toBe(MESSAGES);
      expect([...transport.counts.values()].every((n) => n === 1)).toBe(true);
      // Both processes did part of the work, and every message was recorded sent by the one that sent it.
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      expect([...first, ...second].map((r) => r.status).filter((s) => s !== 'sent')).toEqual([]);
      expect(await opened.b.outbox.queued(10)).toEqual([]);
      const sample = await opened.a.outbox.get('m0007');
      expect(sample).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sample).not.toHaveProperty('claimedUntil');
    }, 60_000);

    it('sends the messages a dead sender had claimed once its claim ends, and never before', async () => {
      const opened = await engine.open();
      dispose = opened.dispose;
      await enqueueAll(opened.a, 5);
      const clock = movable(NOW);
      // A process claims three messages, then dies before sending them.
      const dead = await opened.a.outbox.claim({ owner: 'dead-process', limit: 3, now: clock.now(), leaseMs: 60_000 });
      expect(dead).toHaveLength(3);
      const transport = countingTransport();
      const now = await sendQueued({ outbox: opened.b.outbox, transport, render: RENDER, clock });
      expect(now.map((r) => r.id)).toEqual(['m0003', 'm0004']);
      clock.advance(60_000);
      const later = await sendQueued({ outbox: opened.b.outbox, transport, render: RENDER, clock });
      expect(later.map((r) => [r.id, r.status])).toEqual([
        ['m0000', 'sent'],
        ['m0001', 'sent'],
        ['m0002', 'sent'],
      ]);
      expect([...transport.counts.values()]).toEqual([1, 1, 1, 1, 1]);
    });

    it('gives back the messages a pass stopped by its signal did not reach', async () => {
      const opened = await engine.open();
      dispose = opened.dispose;
      await enqueueAll(opened.a, 4);
      const clock = movable(NOW);
      const stop = new AbortController();
      const counting = countingTransport();
      const stopping: MailTransport = { ...counting, send: async (mail) => (stop.abort(), counting.send(mail)) };
      const stopped = await sendQueued({ outbox: opened.a.outbox, transport: stopping, render: RENDER, clock, signal: stop.signal });
      expect(stopped.map((r) => r.id)).toEqual(['m0000']);
      // Without waiting for a claim to end, the other process sends the rest.
      const rest = await sendQueued({ outbox: opened.b.outbox, transport: counting, render: RENDER, clock });
      expect(rest.map((r) => [r.id, r.status])).toEqual([
        ['m0001', 'sent'],
        ['m0002', 'sent'],
        ['m0003', 'sent'],
      ]);
    });
  });
}
