// `custos requests list`: the request desk's requests as a table, with the days each has left, the overdue ones alone.
import type { Command } from 'commander';
import { fixedClock, systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import type { RequestFilter, StoredRequest } from '../../store/index.js';
import { CLOSED_STATUSES, daysLeft, REQUEST_STATUSES, type RequestStatus } from '../../workflow/index.js';
import { withStore } from '../context.js';
import { parseNow } from '../manifest.js';
import { formatTable } from '../table.js';

const PAGE = 500;

export function registerRequestCommands(program: Command): void {
  const requests = program.command('requests').description("the request desk's rights requests");

  requests
    .command('list')
    .description('list requests, the soonest due first, with the days each has left (negative: overdue)')
    .option('--status <statuses>', `only these statuses, comma-separated (${REQUEST_STATUSES.join(', ')})`)
    .option('--overdue', 'only open requests past their due day')
    .option('--now <iso>', 'the instant days are counted from (2026-11-23 or 2026-11-23T10:00:00Z)')
    .option('--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)")
    .action(async (opts: { status?: string; overdue?: boolean; now?: string; store?: string }) => {
      const statuses = opts.status === undefined ? undefined : parseStatuses(opts.status);
      const clock = opts.now ? fixedClock(parseNow(opts.now)) : systemClock;
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      const open = REQUEST_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly RequestStatus[]).includes(s));
      // Overdue: open requests due before today, narrowed by the store; the days left then say by how much.
      const filter: RequestFilter = opts.overdue
        ? { statuses: statuses ? statuses.filter((s) => open.includes(s)) : open, dueBefore: today }
        : { statuses };
      await withStore(opts.store, async (store) => {
        const found: StoredRequest[] = [];
        let after: string | undefined;
        do {
          const page = await store.requests.list(filter, { after, limit: PAGE });
          found.push(...page.items);
          after = page.next;
        } while (after);
        const rows = found.flatMap(({ request, due }) => {
          const left = daysLeft(request, now);
          if (opts.overdue && (left === undefined || left >= 0)) return [];
          return [[request.id, request.kind, request.status, request.jurisdiction, due, left === undefined ? '-' : String(left)]];
        });
        process.stdout.write(
          formatTable(
            ['ID', 'KIND', 'STATUS', 'JURISDICTION', 'DUE', 'DAYS LEFT'],
            rows,
            opts.overdue ? 'no overdue requests' : 'no requests',
          ),
        );
      });
    });
}

function parseStatuses(text: string): RequestStatus[] {
  const given = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = given.find((s) => !(REQUEST_STATUSES as readonly string[]).includes(s));
  if (given.length === 0 || wrong !== undefined)
    throw new CustosError({
      code: 'invalid-input',
      message: `--status ${wrong === undefined ? 'is empty' : `"${wrong.slice(0, 40)}" is not a request status`}: use ${REQUEST_STATUSES.join(', ')}`,
      details: { option: '--status' },
    });
  return given as RequestStatus[];
}
