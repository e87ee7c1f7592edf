// Console benchmark: the staff console's queue (first page, and the overdue filter) and a request's page with its plan,
// over a store holding 10,000 open requests, rendered through fastify's `inject` for a signed-in officer; each as a
// ratio against an empty page of the same layout (StaffLayout, no content) served by a bare Fastify route, same run.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import { h } from 'preact';
import { destination } from 'pino';
import { nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { systemClock } from '../src/clock.js';
import { openDesk, type Desk } from '../src/desk/index.js';
import { openSqliteJobQueue } from '../src/jobs/index.js';
import type { PolicyModel } from '../src/policy/index.js';
import { buildServer, hashPassword, InMemoryStaffDirectory, InMemoryStaffSessions, type CustosServer } from '../src/server/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault } from '../src/vault/index.js';
import { htmlPage, webMessagesFor } from '../src/web/index.js';
// The layout is not part of src/web's public face (nothing outside the console renders it): the bench reaches in.
import { StaffLayout } from '../src/web/console/layout.js';
import { deadlineOf, receiveRequest, type RequestStatus, type RightsRequest } from '../src/workflow/index.js';
import { measure, printTable, type Measurement } from './measure.js';
import { nimbusOnSqlite } from './nimbus-setup.js';

export interface ConsoleBenchOptions {
  /** Open requests in the store (default 10,000). */
  readonly requests: number;
  /** Timed renders of each page (default 200), after a tenth as many untimed. */
  readonly renders: number;
  /** Customers of the nimbus-cloud sample the request page's plan is counted in (default 1,000). */
  readonly customers: number;
}

const EMAIL = 'officer@bench.example';
const PASSWORD = 'a bench password of some length';
const KEY = new Uint8Array(32).fill(3);
/** Statuses a queue holds open: the ones an officer works through. */
const OPEN: readonly RequestStatus[] = ['awaiting-verification', 'verified', 'awaiting-approval', 'approved'];
const KINDS = ['access', 'portability', 'erasure'] as const;

/**
 * The open requests, written through the store's own `create` in one loop: received over the last 50 days, so under a
 * one-month law about two in five are overdue and a few due this week.
 */
async function fillQueue(store: Store, model: PolicyModel, count: number, customers: number): Promise<number> {
  const started = performance.now();
  const now = systemClock.now();
  for (let i = 0; i < count; i++) {
    const received = new Date(now.getTime() - ((i * 50 * 86_400_000) / count + 3_600_000));
    const jurisdiction = model.jurisdictions[i % model.jurisdictions.length]!;
    const arrived = receiveRequest({
      id: `req-bench-${String(i).padStart(6, '0')}`,
      kind: KINDS[i % KINDS.length]!,
      channel: 'web',
      jurisdiction,
      receivedAt: received,
      identities: { email: [nimbusEmail(2 + (i % (customers - 1)))] },
    });
    const request = { ...arrived, status: OPEN[i % OPEN.length]! } as RightsRequest;
    await store.requests.create(request, deadlineOf(request, now).due);
  }
  return performance.now() - started;
}

/** A request as a person files it, verified with its code: in the queue awaiting an officer, with a plan to show. */
async function oneRealRequest(desk: Desk, store: Store): Promise<string> {
  const receipt = await desk.submit({
    kind: 'access',
    channel: 'web',
    jurisdiction: 'gdpr',
    identities: { email: [nimbusEmail(7)] },
    language: 'en',
  });
  const message = (await store.outbox.queued(100_000)).find((m) => m.requestId === receipt.id && m.template === 'verification-code');
  await desk.verifyCode(receipt.statusToken, message!.params['code']!, '127.0.0.1');
  return receipt.id;
}

/** The officer's session cookie, from the staff API's sign-in. */
async function signIn(server: CustosServer): Promise<string> {
  const response = await server.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email: EMAIL, password: PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`the officer's sign-in was answered ${response.statusCode}: ${response.body}`);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The baseline: a bare Fastify route answering the console's layout with nothing in it, rendered on each call. */
function emptyLayoutServer(model: PolicyModel) {
  const app = Fastify();
  const ctx = {
    model,
    lang: 'en' as const,
    t: webMessagesFor('en'),
    self: '/console/empty',
    home: '/console',
    staff: { email: EMAIL, role: 'officer' as const },
    csrf: 'a-csrf-token-of-the-usual-length-here',
  };
  app.get('/console/empty', async (_request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(htmlPage(h(StaffLayout, { ctx, title: 'Queue', current: 'queue', children: null }))),
  );
  return app;
}

/** Renders `url` `renders` times through `inject`, failing on anything but a 200 that holds `expected`. */
async function renders(
  label: string,
  inject: (url: string) => Promise<{ statusCode: number; body: string }>,
  url: string,
  expected: string,
  options: ConsoleBenchOptions,
): Promise<Measurement> {
  const first = await inject(url);
  if (first.statusCode !== 200 || !first.body.includes(expected))
    throw new Error(`${label}: ${url} answered ${first.statusCode} without "${expected}"`);
  return measure(label, () => inject(url), { runs: options.renders, warmup: Math.ceil(options.renders / 10) });
}

/** Prints p50 and p95 server time of each page and its ratio to the empty layout's; the aim is under 50 ms. */
export async function benchConsole(options: ConsoleBenchOptions): Promise<void> {
  const sample = await nimbusOnSqlite(options.customers);
  const dir = resolve(`bench/out/console-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'custos.db');
  const store = openSqliteStore(file);
  const jobs = openSqliteJobQueue(file);
  const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
  // Access requests wait for an officer, so the real one stays in the queue with its plan.
  const desk = openDesk({
    model: sample.model,
    store,
    jobs,
    vault,
    clock: systemClock,
    options: { pseudonymKey: KEY, packagesDir: join(dir, 'packages'), approval: { access: 'officer' } },
  });
  const directory = new InMemoryStaffDirectory([
    { id: 'staff-bench-officer', email: EMAIL, role: 'officer', passwordHash: await hashPassword(PASSWORD) },
  ]);
  const server = await buildServer({
    directory,
    sessions: new InMemoryStaffSessions(),
    desk,
    clock: systemClock,
    rateLimit: false,
    secureCookies: false,
    logger: { stream: destination({ dest: '/dev/null', sync: false }), level: 'info' },
  });
  const empty = emptyLayoutServer(sample.model);
  try {
    const filling = await fillQueue(store, sample.model, options.requests, options.customers);
    const id = await oneRealRequest(desk, store);
    const open = await store.requests.count({ statuses: [...OPEN] });
    const cookie = await signIn(server);
    const console_ = (url: string) => server.app.inject({ method: 'GET', url, headers: { cookie } });
    const bare = (url: string) => empty.inject({ method: 'GET', url });
    const queueWords = webMessagesFor('en').console.queue;

    const baseline = await renders('empty page: StaffLayout, no content (bare Fastify)', bare, '/console/empty', 'Queue', options);
    // The same layout through the server's whole stack (helmet, session lookup, CSRF token, logging): what plumbing costs.
    const plumbing = await renders(
      'near-empty console page: /console/totp (same server)',
      console_,
      '/console/totp',
      webMessagesFor('en').console.totp.title,
      options,
    );
    const rows = [
      await renders('queue, first page (50 rows)', console_, '/console/requests', queueWords.title, options),
      await renders('queue, overdue filter', console_, '/console/requests?due=overdue', queueWords.title, options),
      await renders('request page (plan with dry-run counts)', console_, `/console/requests/${id}`, id, options),
    ];
    printTable(
      `console — ${open.toLocaleString('en')} open requests on the SQLite store (filled in ${(filling / 1000).toFixed(1)} s), ` +
        `nimbus-cloud ${options.customers.toLocaleString('en')} customers; server time through fastify inject, signed-in officer`,
      [baseline, plumbing, ...rows],
      rows.flatMap((r) => [
        { label: `${r.label}: p50 / empty p50`, value: r.p50 / baseline.p50 },
        { label: `${r.label}: p95 / empty p95`, value: r.p95 / baseline.p95 },
        { label: `${r.label}: p50 / near-empty p50`, value: r.p50 / plumbing.p50 },
      ]),
    );
    const slow = rows.filter((r) => r.p95 >= 50);
    console.log(`  aim: each page under 50 ms at p95 — ${slow.length === 0 ? 'met' : `missed by ${slow.map((r) => r.label).join(', ')}`}`);
  } finally {
    await empty.close();
    await server.close();
    await jobs.close();
    await vault.close();
    await store.close();
    await sample.stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
