// Custos's own data follows the manifest too (K5.5): request records a period after their closing, the outbox, finished
// journals, spent download links and codes, identity proofs left behind — counted by the plan, removed by the sweep.
import { rm } from 'node:fs/promises';
import { CustosError } from '../errors.js';
import { parseDuration, subtractDuration, type Duration, type PolicyModel } from '../policy/index.js';
import type { OwnRecordBounds, OwnRecordCounts, Store } from '../store/index.js';

/** What a period is set for: requests after closing, messages after sending, journals after finishing. */
export const CUSTOS_DATA_KINDS = ['requests', 'messages', 'journals'] as const;
export type CustosDataKind = (typeof CUSTOS_DATA_KINDS)[number];

/** The category whose retention rule in the manifest sets how long request records are kept. */
export const REQUEST_RECORD_CATEGORY = 'user.request.record';
/** K3.1's example, when the manifest has no rule for request records: one year after the reply. */
export const DEFAULT_REQUEST_PERIOD = 'P1Y';

export interface CustosDataPeriods {
  readonly periods: Readonly<Record<CustosDataKind, { readonly text: string; readonly duration: Duration }>>;
  /** Where the requests' period comes from: an override, the manifest's rule (its id), or the default. */
  readonly requestsFrom: string;
}

/**
 * The periods of Custos's own records a deployment set, each from `given` else its variable (`CUSTOS_RETENTION_REQUESTS`,
 * `…_MESSAGES`, `…_JOURNALS`); an empty value counts as unset. What `custosDataPeriods` then resolves.
 */
export function custosDataOverrides(
  env: NodeJS.ProcessEnv,
  given: Partial<Record<CustosDataKind, string | undefined>> = {},
): Partial<Record<CustosDataKind, string>> {
  return Object.fromEntries(
    CUSTOS_DATA_KINDS.flatMap((kind) => {
      const text = given[kind] ?? env[`CUSTOS_RETENTION_${kind.toUpperCase()}`];
      return text === undefined || text === '' ? [] : [[kind, text]];
    }),
  );
}

/**
 * The periods of Custos's own records: requests as the manifest's rule for `user.request.record` says (default P1Y after
 * closing); messages and journals as long as requests (a person sees their messages with their request, K6.3), unless
 * overridden (ISO 8601 durations, e.g. `{ messages: 'P6M' }`).
 */
export function custosDataPeriods(
  model: PolicyModel,
  overrides: Partial<Record<CustosDataKind, string | undefined>> = {},
): CustosDataPeriods {
  const rule = model.index.retentionByCategory.get(REQUEST_RECORD_CATEGORY)?.find((r) => r.duration !== undefined);
  const requestsText = overrides.requests ?? rule?.durationText ?? DEFAULT_REQUEST_PERIOD;
  const read = (kind: CustosDataKind, text: string) => {
    const duration = parseDuration(text);
    if (duration === undefined)
      throw new CustosError({
        code: 'config',
        message: `the retention period of Custos's ${kind} must be an ISO 8601 duration such as P1Y or P6M`,
        details: { option: kind },
      });
    return { text, duration };
  };
  const requests = read('requests', requestsText);
  return Object.freeze({
    periods: Object.freeze({
      requests,
      messages: overrides.messages === undefined ? requests : read('messages', overrides.messages),
      journals: overrides.journals === undefined ? requests : read('journals', overrides.journals),
    }),
    requestsFrom: overrides.requests !== undefined ? 'override' : rule ? `rule ${rule.id}` : 'default',
  });
}

export interface CustosDataOptions {
  /** Per template, the params that open something (src/mail's `SECRET_PARAMS`): failed messages forget them. Default none. */
  readonly secretParams?: Readonly<Record<string, readonly string[]>>;
}

export interface CustosDataReport extends OwnRecordCounts {
  readonly now: string;
  /** Packages whose download link expired unused, removed with their file. */
  readonly packages: number;
  readonly periods: Readonly<Record<CustosDataKind, string>>;
  readonly requestsFrom: string;
}

function boundsOf(now: Date, p: CustosDataPeriods, options: CustosDataOptions): OwnRecordBounds {
  return {
    requestsClosedBy: subtractDuration(now, p.periods.requests.duration),
    messagesBy: subtractDuration(now, p.periods.messages.duration),
    journalsBy: subtractDuration(now, p.periods.journals.duration),
    now,
    secretParams: options.secretParams ?? {},
  };
}

const PACKAGE_PAGE = 100;

function report(now: Date, p: CustosDataPeriods, counts: OwnRecordCounts, packages: number): CustosDataReport {
  const periods = { requests: p.periods.requests.text, messages: p.periods.messages.text, journals: p.periods.journals.text };
  return { now: now.toISOString(), ...counts, packages, periods, requestsFrom: p.requestsFrom };
}

/** What a sweep at `now` would remove of Custos's own records; changes nothing. */
export async function planCustosData(
  store: Store,
  now: Date,
  periods: CustosDataPeriods,
  options: CustosDataOptions = {},
): Promise<CustosDataReport> {
  const counts = await store.ownRecords.count(boundsOf(now, periods, options));
  const packages = (await store.secrets.expiredTokens('download', now, 100_000)).length;
  return report(now, periods, counts, packages);
}

/**
 * Removes Custos's own records past their periods at `now` and audits the counts (one `retention.swept` entry, rule
 * `custos-records`, subject the sweep). Idempotent: a rerun at the same instant finds nothing more.
 */
export async function sweepCustosData(
  store: Store,
  now: Date,
  periods: CustosDataPeriods,
  options: CustosDataOptions & { readonly sweepId?: string } = {},
): Promise<CustosDataReport> {
  // A package's file first, then its token: a crash between leaves the token, and the next sweep removes both.
  let packages = 0;
  for (;;) {
    const expired = await store.secrets.expiredTokens('download', now, PACKAGE_PAGE);
    for (const token of expired) {
      if (token.file !== undefined) await rm(token.file, { force: true });
      if (await store.secrets.dropToken(token.hash)) packages++;
    }
    if (expired.length < PACKAGE_PAGE) break;
  }
  const counts = await store.ownRecords.sweep(boundsOf(now, periods, options));
  const result = report(now, periods, counts, packages);
  const { requests, messages, secretsForgotten, journals, downloadLinks, proofs, codes } = counts;
  await store.audit.append({
    actor: { kind: 'system', id: 'retention' },
    action: 'retention.swept',
    subjects: { sweep: options.sweepId ?? `sweep-${now.toISOString()}` },
    details: {
      rule: 'custos-records',
      collection: 'custos',
      action: 'delete',
      status: 'done',
      rows: requests + messages + journals + downloadLinks + proofs + codes + packages,
      requests,
      messages,
      secretsForgotten,
      journals,
      downloadLinks,
      packages,
      proofs,
      codes,
    },
  });
  return result;
}

/** The section "Custos's own records" of a plan (`would`) or a sweep's report. */
export function formatCustosData(r: CustosDataReport, mode: 'plan' | 'run'): string {
  const verb = mode === 'plan' ? 'to remove' : 'removed';
  const lines = [
    "Custos's own records",
    `  requests closed more than ${r.periods.requests} ago (${r.requestsFrom}), with their history, messages and tokens: ${r.requests} ${verb}`,
    `  messages sent or failed more than ${r.periods.messages} ago: ${r.messages} ${verb}`,
    `  failed messages still holding a code or a link: ${r.secretsForgotten} ${mode === 'plan' ? 'to forget it' : 'forgotten'}`,
    `  journals finished more than ${r.periods.journals} ago (none a legal hold names): ${r.journals} ${verb}`,
    `  packages whose download link expired unused: ${r.packages} ${verb}; used download links: ${r.downloadLinks} ${verb}`,
    `  expired codes and past rate counts: ${r.codes} ${verb}`,
    `  identity proofs left for a closed request (destroyed at processing): ${r.proofs} ${verb}`,
  ];
  return `${lines.join('\n')}\n`;
}
