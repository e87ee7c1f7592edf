// `custos users …`: the console's staff accounts: add one (a password shown once), list them, disable one.
import { Option, type Command } from 'commander';
import { systemClock } from '../../clock.js';
import { addStaffAccount, checkNewPassword, disableStaffAccount, MAX_PASSWORD_LENGTH } from '../../server/index.js';
import type { StaffUser } from '../../store/index.js';
import { STAFF_ROLES, type StaffRole } from '../../workflow/index.js';
import { CustosError } from '../../errors.js';
import { withStore } from '../context.js';
import { emit } from '../output.js';
import { formatTable } from '../table.js';

/** Who the trail names for what the command line does: whoever ran it had the store's file or credentials. */
export const CLI_ACTOR = { kind: 'system', id: 'custos-cli' } as const;

const STORE_OPTION = ['--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)"] as const;

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description("the console's staff accounts");

  users
    .command('add')
    .description('add a staff account; prints a generated password once (or reads one from stdin)')
    .argument('<email>', 'the address the staff member signs in with')
    .addOption(new Option('--role <role>', 'what the account may do').choices([...STAFF_ROLES]).makeOptionMandatory())
    .option('--password-stdin', 'read the password from stdin (one line) instead of generating one')
    .option(...STORE_OPTION)
    .action(async (email: string, opts: { role: StaffRole; passwordStdin?: boolean; store?: string }) => {
      // Read before the store opens: a refused password leaves nothing behind.
      const password = opts.passwordStdin ? checkNewPassword(await readPasswordFromStdin()) : undefined;
      await withStore(opts.store, async (store) => {
        const added = await addStaffAccount(store.users, { email, role: opts.role, password }, systemClock);
        await store.audit.append({
          actor: CLI_ACTOR,
          action: 'user.created',
          subjects: { user: added.user.id },
          details: { role: added.user.role },
        });
        emit(`added ${added.user.id} (${added.user.role}): ${added.user.email}`);
        if (password === undefined)
          emit(
            `password: ${added.password}\n` +
              'This password is shown once and stored only as a hash: hand it over safely, and have it changed after the first sign-in.',
          );
      });
    });

  users
    .command('list')
    .description('list the staff accounts (never a password hash or a TOTP seed)')
    .option(...STORE_OPTION)
    .action(async (opts: { store?: string }) => {
      await withStore(opts.store, async (store) => {
        const rows = (await store.users.list()).map((u) => [
          u.id,
          u.email,
          u.role,
          totpState(u),
          u.disabled ? 'disabled' : 'active',
          u.createdAt.toISOString(),
        ]);
        process.stdout.write(
          formatTable(
            ['ID', 'EMAIL', 'ROLE', 'TOTP', 'STATUS', 'CREATED'],
            rows,
            'no staff accounts yet: custos users add EMAIL --role admin',
          ),
        );
      });
    });

  users
    .command('disable')
    .description('disable a staff account: it can no longer sign in, and its sessions end now')
    .argument('<email>', 'the address of the account')
    .option(...STORE_OPTION)
    .action(async (email: string, opts: { store?: string }) => {
      await withStore(opts.store, async (store) => {
        const { user, sessionsEnded } = await disableStaffAccount(store, email);
        await store.audit.append({ actor: CLI_ACTOR, action: 'user.disabled', subjects: { user: user.id }, details: { sessionsEnded } });
        emit(`disabled ${user.id} (${user.email}); ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended`);
      });
    });
}

function totpState(user: StaffUser): string {
  if (user.totpSeed) return 'enrolled';
  return user.pendingTotpSeed ? 'pending' : 'none';
}

/** The first line of stdin, without its line ending: what `printf '%s\n' "$PW" | custos users add … --password-stdin` gives. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CustosError({
      code: 'invalid-input',
      message:
        '--password-stdin reads the password from a pipe: printf \'%s\\n\' "$PASSWORD" | custos users add EMAIL --role ROLE --password-stdin',
      details: { option: '--password-stdin' },
    });
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    // Enough for a password and its line ending: more is not a password, and is not kept.
    if (text.length > MAX_PASSWORD_LENGTH * 4) break;
  }
  const [line = ''] = text.split(/\r?\n/, 1);
  return line;
}
