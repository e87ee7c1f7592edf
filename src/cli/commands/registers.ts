// `custos registers list`: authority requests, confidentiality incidents and complaints, with what each clock has left.
import type { Command } from 'commander';
import { fixedClock, systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import type { RegisterFilter, StoredRegisterEntry } from '../../store/index.js';
import { entryClock, openedAt, REGISTER_KINDS, type RegisterClock, type RegisterKind } from '../../workflow/index.js';
import { withStore } from '../context.js';
import { parseNow } from '../manifest.js';
import { formatTable } from '../table.js';

const PAGE = 500;

/** What `--kind` takes: the short words people type, for the registers' kinds. */
const KIND_WORDS: Readonly<Record<string, RegisterKind>> = { incident: 'incident', authority: 'authority-request', complaint: 'complaint' };

export function registerRegisterCommands(program: Command): void {
  const registers = program.command('registers').description('the registers: authority requests, confidentiality incidents, complaints');

  registers
    .command('list')
    .description('list register entries, the newest first, with the time each clock has left (negative: overdue)')
    .option('--kind <kind>', `only this register (${Object.keys(KIND_WORDS).join(', ')})`)
    .option('--overdue', 'only entries past their due instant: an unsent authority notification, an unanswered complaint')
    .option('--now <iso>', 'the instant clocks are read at (2026-11-23 or 2026-11-23T10:00:00Z)')
    .option('--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)")
    .action(async (opts: { kind?: string; overdue?: boolean; now?: string; store?: string }) => {
      const kind = opts.kind === undefined ? undefined : parseKind(opts.kind);
      const now = (opts.now ? fixedClock(parseNow(opts.now)) : systemClock).now();
      const filter: RegisterFilter = { ...(kind ? { kinds: [kind] } : {}), ...(opts.overdue ? { dueBefore: now } : {}) };
      await withStore(opts.store, async (store) => {
        const found: StoredRegisterEntry[] = [];
        let after: string | undefined;
        do {
          const page = await store.registers.list(filter, { after, limit: PAGE });
          found.push(...page.items);
          after = page.next;
        } while (after);
        const rows = found.map(({ entry }) => {
          const clock = entryClock(entry, now);
          return [entry.id, entry.kind, entry.status, openedAt(entry).toISOString(), clock.dueAt?.toISOString() ?? '-', left(clock)];
        });
        process.stdout.write(
          formatTable(
            ['ID', 'KIND', 'STATUS', 'OPENED', 'DUE', 'LEFT'],
            rows,
            opts.overdue ? 'no overdue register entries' : 'no register entries',
          ),
        );
      });
    });
}

/** Hours for an incident's authority clock (`-5h`), days for a complaint's (`12d`), `overdue` for an authority's date. */
function left(clock: RegisterClock): string {
  if (clock.hoursLeft !== undefined) return `${clock.hoursLeft}h`;
  if (clock.daysLeft !== undefined) return `${clock.daysLeft}d`;
  return clock.overdue ? 'overdue' : '-';
}

function parseKind(text: string): RegisterKind {
  const kind = KIND_WORDS[text.trim()] ?? (REGISTER_KINDS as readonly string[]).find((k) => k === text.trim());
  if (kind === undefined)
    throw new CustosError({
      code: 'invalid-input',
      message: `--kind "${text.slice(0, 40)}" is not a register: use ${Object.keys(KIND_WORDS).join(', ')}`,
      details: { option: '--kind' },
    });
  return kind as RegisterKind;
}
