// `custos keys …`: API keys for the services that file requests: create one (printed once), list them, revoke one.
import type { Command } from 'commander';
import { systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import { checkApiKeyScopes, createApiKey } from '../../server/index.js';
import { withStore } from '../context.js';
import { CLI_ACTOR } from './users.js';
import { emit } from '../output.js';
import { formatTable } from '../table.js';

const STORE_OPTION = ['--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)"] as const;

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('API keys for services that file and read requests');

  keys
    .command('create')
    .description('create an API key; prints it once (only a hash of its secret is stored)')
    .requiredOption('--scope <scopes>', 'what the key may do, comma-separated: requests:create, requests:read')
    .option(...STORE_OPTION)
    .action(async (opts: { scope: string; store?: string }) => {
      const scopes = checkApiKeyScopes(
        opts.scope
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        '--scope',
      );
      await withStore(opts.store, async (store) => {
        const { record, key } = await createApiKey(store.apiKeys, scopes, systemClock);
        await store.audit.append({
          actor: CLI_ACTOR,
          action: 'key.created',
          subjects: { key: record.id },
          details: { scopes: record.scopes },
        });
        emit(`created API key ${record.id} (${record.scopes.join(', ')})`);
        emit(`key: ${key}\nThis key is shown once and stored only as a hash: put it in the calling service's secrets now.`);
      });
    });

  keys
    .command('list')
    .description('list the API keys (never their secrets)')
    .option(...STORE_OPTION)
    .action(async (opts: { store?: string }) => {
      await withStore(opts.store, async (store) => {
        const rows = (await store.apiKeys.list()).map((k) => [
          k.id,
          k.scopes.join(','),
          k.createdAt.toISOString(),
          k.lastUsedAt?.toISOString() ?? '-',
          k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active',
        ]);
        process.stdout.write(
          formatTable(
            ['ID', 'SCOPES', 'CREATED', 'LAST USED', 'STATUS'],
            rows,
            'no API keys yet: custos keys create --scope requests:create',
          ),
        );
      });
    });

  keys
    .command('revoke')
    .description('revoke an API key: it is refused from now on')
    .argument('<id>', 'the key id (`custos keys list`; the part after ck_ of the key)')
    .option(...STORE_OPTION)
    .action(async (id: string, opts: { store?: string }) => {
      await withStore(opts.store, async (store) => {
        if (await store.apiKeys.revoke(id, systemClock.now())) {
          await store.audit.append({ actor: CLI_ACTOR, action: 'key.revoked', subjects: { key: id } });
          return emit(`revoked API key ${id}`);
        }
        const known = await store.apiKeys.get(id);
        throw known
          ? new CustosError({ code: 'conflict', message: `API key ${id} was already revoked on ${known.revokedAt?.toISOString()}` })
          : new CustosError({ code: 'not-found', message: `no API key ${JSON.stringify(id.slice(0, 40))}: custos keys list shows them` });
      });
    });
}
