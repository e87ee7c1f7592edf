// Rights benchmarks: access and erasure for random people of nimbus-cloud, engine against hand-written code in one process.
import { join } from 'node:path';
import { systemClock } from '../src/clock.js';
import type { PolicyModel } from '../src/policy/index.js';
import { createConnectorPool } from '../src/connectors/index.js';
import { executeErasure, exportPersonData, normalizeIdentities, type ExecutionContext, type ExportSink } from '../src/rights/index.js';
import { openSqliteStore, type Journal, type Store } from '../src/store/index.js';
import { nimbusCustomer, nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { printTable, summarize } from './measure.js';
import {
  handWrittenAccess,
  handWrittenClosureCheck,
  handWrittenErase,
  type ErasureRehearsal,
  type NimbusStores,
} from './baseline/nimbus.js';
import { sqliteErasureJournal, type ErasureJournal } from './baseline/journal.js';

const KEY = new Uint8Array(32).fill(9);

export interface RightsBenchSetup {
  readonly label: string;
  readonly customers: number;
  readonly model: PolicyModel;
  readonly stores: NimbusStores;
  /** Environment the manifest's `{ env: NAME }` store URLs are read from. */
  readonly env: NodeJS.ProcessEnv;
  /** Folder for Custos's own store. */
  readonly dir: string;
  /**
   * A copy of `stores`' data the hand-written erasure runs on: both sides then erase the same people, each in its own
   * copy. Without it each side erases people of its own.
   */
  readonly erasureCopy?: ErasureCopy;
  /**
   * Drops the operating system's cached pages of the data files (and of the copy's), so that a pass that starts "from
   * disk" does; false when it cannot here. Without it such passes start with whatever the machine has cached.
   */
  readonly dropCachedPages?: () => boolean;
}

export interface ErasureCopy {
  /** The hand-written side's stores, on the copy. */
  readonly stores: NimbusStores;
  /**
   * Rolled-back erasures on the engine's data and on the copy: run for a person before either side erases them, they put
   * the pages that erasure reads in memory on both sides alike, whatever each copy's share of the cache was before.
   */
  readonly rehearsals: readonly ErasureRehearsal[];
  close(): Promise<void>;
}

/**
 * A sink that only counts, so the benchmark measures finding and reading, not serialising. It has nothing to wait for,
 * so it returns nothing, as a sink that needs no backpressure does.
 */
function countingSink(): ExportSink & { rows: number } {
  const sink = {
    rows: 0,
    beginCollection: () => undefined,
    row: () => void sink.rows++,
    endCollection: () => undefined,
  };
  return sink;
}

/** Deterministic distinct ids in 1…max, skipping `skip`. */
function randomIds(count: number, max: number, seed: number, skip: (id: number) => boolean = () => false): number[] {
  // mulberry32: 32-bit integer steps (a product of two large numbers in floating point would lose bits and cycle early).
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const out = new Set<number>();
  while (out.size < count) {
    const id = 1 + (next() % max);
    if (!skip(id)) out.add(id);
  }
  return [...out];
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The store with its journal's calls timed: `take()` returns the milliseconds spent in them since the last take. What an
 * engine run spends writing its journal (Custos's own store), a cost the hand-written code has no counterpart for.
 */
function timedJournal(store: Store): { readonly store: Store; take(): number } {
  let spent = 0;
  const journal = Object.fromEntries(
    Object.entries(store.journal).map(([name, call]) => [
      name,
      async (...args: unknown[]) => {
        const start = process.hrtime.bigint();
        try {
          return await (call as (...a: unknown[]) => Promise<unknown>).apply(store.journal, args);
        } finally {
          spent += Number(process.hrtime.bigint() - start) / 1e6;
        }
      },
    ]),
  ) as unknown as Journal;
  return {
    store: { ...store, journal },
    take: () => {
      const taken = spent;
      spent = 0;
      return taken;
    },
  };
}

export async function benchRights(setup: RightsBenchSetup): Promise<void> {
  const { model, stores, customers, env } = setup;
  const storeFile = join(setup.dir, 'custos-bench.db');
  const journaled = timedJournal(openSqliteStore(storeFile));
  const store = journaled.store;
  const pool = createConnectorPool(model, { env });
  const ctx: ExecutionContext = { model, pool, store, clock: systemClock, pseudonymKey: KEY };
  const run = Date.now().toString(36);
  const identities = (id: number) => normalizeIdentities(model, new Map([['email', [nimbusEmail(id)]]]));
  try {
    // Access: the same random people for both, interleaved so that caches favour neither.
    const people = randomIds(Number(process.env.CUSTOS_BENCH_PEOPLE ?? 300), customers, 7);
    // Warm-up on other people, so that none of the timed ones has pages in memory before the first pass (nor, where the
    // cached pages of the data can be dropped first, from an earlier run).
    const dropped = setup.dropCachedPages?.() ?? false;
    const timed = new Set(people);
    const warmUp = randomIds(Math.min(20, customers - timed.size), customers, 8, (id) => timed.has(id));
    for (const id of warmUp) {
      await exportPersonData(ctx, { id: `warm-${run}-${id}`, identities: identities(id) }, countingSink(), { action: 'access' });
      await handWrittenAccess(stores, nimbusEmail(id));
    }
    // Two passes over the same people, both sides reading the same files. In the first a person's pages start on disk
    // (at scale the machine's memory holds little of the data): whoever reads first pays for it, so the order alternates
    // person by person and each side is timed on the people it reads first only (who reads second finds the pages in
    // memory, which the second pass measures). In the second the pages are in the operating system's cache for both, so
    // what differs is the work each side does.
    const half = Math.ceil(people.length / 2);
    const passes = [
      `pages read from disk${dropped ? '' : ' (where an earlier run left none in memory)'}, each side timed on the ${half} it reads first`,
      'pages already in memory',
    ] as const;
    for (const [p, pass] of passes.entries()) {
      const firstOnly = p === 0;
      const engine: number[] = [];
      const baseline: number[] = [];
      let rows = 0;
      for (const [n, id] of people.entries()) {
        const sink = countingSink();
        // The request's identities are known before either side starts timing.
        const email = nimbusEmail(id);
        const request = { id: `access-${run}-${p}-${id}`, identities: identities(id) };
        const engineFirst = n % 2 === 0;
        const runEngine = async () => {
          const taken = await time(() => exportPersonData(ctx, request, sink, { action: 'access' }));
          if (engineFirst || !firstOnly) engine.push(taken);
        };
        const runBaseline = async () => {
          const taken = await time(() => handWrittenAccess(stores, email));
          if (!engineFirst || !firstOnly) baseline.push(taken);
        };
        if (engineFirst) await runEngine().then(runBaseline);
        else await runBaseline().then(runEngine);
        rows += sink.rows;
      }
      const access = [
        summarize('engine: exportPersonData (plan, find, read every row, journal)', engine),
        summarize('hand-written SELECTs', baseline),
      ];
      printTable(
        `${setup.label} — access, ${people.length} random people (${(rows / people.length).toFixed(0)} rows each on average), ${pass}`,
        access,
        [
          { label: 'access engine / hand-written, p50', value: (access[0]?.p50 ?? 0) / (access[1]?.p50 ?? 1) },
          { label: 'access engine / hand-written, p95', value: (access[0]?.p95 ?? 0) / (access[1]?.p95 ?? 1) },
        ],
      );
    }

    await benchErasure(setup, ctx, run, identities, journaled.take, storeFile);
  } finally {
    await pool.close();
    await store.close();
  }
}

/** How the pages of the people a pass erases stand before each erasure: what the pass measures. */
interface ErasurePass {
  readonly label: string;
  /** Before the pass; false when it cannot run here (the pass is skipped, and says why). */
  readonly before?: () => boolean;
  readonly skipped?: string;
  /** Before each person, untimed. */
  readonly beforeEach?: (email: string) => Promise<void>;
}

/**
 * Times `journal`'s calls: `take()` returns the milliseconds spent in them since the last take (the hand-written side's
 * counterpart of timedJournal).
 */
function timedErasureJournal(journal: ErasureJournal, spent: { ms: number }): ErasureJournal {
  const timed =
    <A extends unknown[]>(call: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      const start = process.hrtime.bigint();
      try {
        await call(...args);
      } finally {
        spent.ms += Number(process.hrtime.bigint() - start) / 1e6;
      }
    };
  return { begin: timed(journal.begin), attempt: timed(journal.attempt), finish: timed(journal.finish) };
}

/** The two hand-written sides an erasure is compared with: as the previous figure, and journaling as the engine must. */
const BASELINES = ['plain', 'journaled'] as const;
type Baseline = (typeof BASELINES)[number];

/**
 * Erasure is destructive: every pass takes people of its own. With a copy of the data, the engine and a hand-written
 * side erase the same random people, each in its own copy, in two passes: pages read from disk (both copies' cached
 * pages dropped first, so neither side starts with more of its copy in memory), then pages already in memory (a
 * rolled-back rehearsal on both sides first): what differs there is the work each side does. The order alternates person
 * by person; the hand-written side alternates by pair of people between the plain statements (the figure of the
 * previous issue) and the same statements journaling each store as the engine must, in the engine's store file
 * (`storeFile`), so each is compared with the engine on the people it erased, half of them erased first by either side.
 * Without a copy, each side erases people of its own, in one pass. A few people first warm every side up. All check
 * closure; people are free to close their account, and only those earlier runs left in the data are taken.
 */
async function benchErasure(
  setup: RightsBenchSetup,
  ctx: ExecutionContext,
  run: string,
  identities: (id: number) => ReturnType<typeof normalizeIdentities>,
  journalTime: () => number,
  storeFile: string,
): Promise<void> {
  const { stores, customers } = setup;
  const copy = setup.erasureCopy;
  const theirs = copy?.stores ?? stores;
  // People per hand-written side and pass.
  const wanted = Number(process.env.CUSTOS_BENCH_ERASE ?? 80);
  const passes: readonly ErasurePass[] = copy
    ? [
        {
          label: 'pages read from disk by each side',
          before: () => setup.dropCachedPages?.() ?? false,
          skipped: 'the operating system here cannot drop one file’s cached pages (GNU dd iflag=nocache)',
        },
        {
          label: 'pages already in memory',
          beforeEach: async (email) => {
            for (const rehearsal of copy.rehearsals) await rehearsal.rehearse(email, KEY);
          },
        },
      ]
    : [{ label: 'each side erases people of its own' }];
  const present = async (s: NimbusStores, id: number) =>
    (await s.accounts.all('SELECT id FROM customers WHERE email = ?', [nimbusEmail(id)])).length > 0;
  // As for access, the first pairs of each pass warm every side up and are not timed.
  const warmUp = Math.min(8, Math.ceil(wanted / 5));
  const perPass = (copy ? 1 : 2) * (BASELINES.length * wanted + warmUp);
  const people: number[] = [];
  const needed = perPass * passes.length;
  for (const id of randomIds(needed * 3, customers, Date.now() % 100_000, (id) => nimbusCustomer(id).closure !== 'free')) {
    if (people.length === needed) break;
    if ((await present(stores, id)) && (!copy || (await present(copy.stores, id)))) people.push(id);
  }
  const journalFile = sqliteErasureJournal(storeFile);
  try {
    for (const [p, pass] of passes.entries()) {
      if (pass.before && !pass.before()) {
        console.log(`\n## ${setup.label} — erase, ${pass.label}: skipped, ${pass.skipped ?? 'cannot be set up here'}`);
        continue;
      }
      const ofPass = people.slice(p * perPass, (p + 1) * perPass);
      const pairs = copy
        ? ofPass.map((id) => [id, id] as const)
        : ofPass.flatMap((id, i) => (i % 2 === 0 ? [[id, ofPass[i + 1]] as const] : []));
      const times = Object.fromEntries(
        BASELINES.map((b) => [
          b,
          { engine: [] as number[], journal: [] as number[], baseline: [] as number[], own: [] as number[], perPerson: [] as number[] },
        ]),
      ) as Record<Baseline, { engine: number[]; journal: number[]; baseline: number[]; own: number[]; perPerson: number[] }>;
      for (const [n, [a, b]] of pairs.entries()) {
        if (b === undefined) break;
        // Order by person, hand-written side by pair of people: each side meets both orders alike.
        const side: Baseline = BASELINES[Math.floor(n / 2) % BASELINES.length]!;
        const request = { id: `erase-${run}-${a}`, identities: identities(a) };
        const email = nimbusEmail(b);
        await pass.beforeEach?.(email);
        let tEngine = 0;
        let tBaseline = 0;
        let tJournal = 0;
        const ownJournal = { ms: 0 };
        const runEngine = async () => {
          journalTime();
          tEngine = await time(async () => {
            const result = await executeErasure(ctx, request);
            if (result.status !== 'completed') throw new Error(`erasure of customer ${a} ended ${result.status}`);
          });
          tJournal = journalTime();
        };
        const journal = side === 'journaled' ? timedErasureJournal(journalFile.forRun(`hand-${run}-${b}`), ownJournal) : undefined;
        const runBaseline = async () => {
          tBaseline = await time(async () => {
            if ((await handWrittenClosureCheck(theirs, email)) > 0) throw new Error(`customer ${b} cannot close`);
            await handWrittenErase(theirs, email, KEY, journal);
          });
        };
        if (n % 2 === 0) await runEngine().then(runBaseline);
        else await runBaseline().then(runEngine);
        if (n < warmUp) continue;
        const t = times[side];
        t.engine.push(tEngine);
        t.journal.push(tJournal);
        t.baseline.push(tBaseline);
        t.own.push(ownJournal.ms);
        t.perPerson.push(tEngine / tBaseline);
      }
      printErasure(setup.label, pass.label, copy !== undefined, times);
    }
  } finally {
    await journalFile.close();
  }
}

/** The engine against each hand-written side, on the people that side erased. */
function printErasure(
  label: string,
  passLabel: string,
  paired: boolean,
  times: Record<Baseline, { engine: number[]; journal: number[]; baseline: number[]; own: number[]; perPerson: number[] }>,
): void {
  const { plain, journaled } = times;
  const count = plain.engine.length + journaled.engine.length;
  const rows = [
    summarize('engine: executeErasure (plan, closure check, journaled)', [...plain.engine, ...journaled.engine]),
    summarize('  of which its journal writes (Custos’s own store)', [...plain.journal, ...journaled.journal]),
    summarize('hand-written closure check + statements', plain.baseline),
    summarize('hand-written, journaling each store as the engine must', journaled.baseline),
    summarize('  of which its journal writes (same file, same settings)', journaled.own),
  ];
  const ratios = BASELINES.flatMap((side) => {
    const t = times[side];
    const engine = summarize('', t.engine);
    const theirs = summarize('', t.baseline);
    const name = side === 'plain' ? 'hand-written' : 'hand-written journaling';
    return [
      { label: `erase engine / ${name}, p50`, value: engine.p50 / theirs.p50 },
      { label: `erase engine / ${name}, p95`, value: engine.p95 / theirs.p95 },
      ...(paired ? [{ label: `erase engine / ${name}, median of each person’s ratio`, value: summarize('', t.perPerson).p50 }] : []),
    ];
  });
  const who = paired
    ? `${count} random people, the same on the engine’s side and the hand-written one, each in its own copy of the data, ${passLabel}`
    : `${count} random people each side`;
  printTable(
    `${label} — erase, ${who}; by hand: ${plain.baseline.length} of them as before, ${journaled.baseline.length} journaling`,
    rows,
    ratios,
  );
}
