// `custos audit …`: verify the hash chain of Custos's audit trail (against an anchor kept elsewhere), and take an anchor.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { anchorOf, parseAnchor, verifyChain, type AuditAnchor } from '../../audit/index.js';
import { CustosError } from '../../errors.js';
import { withStore } from '../context.js';
import { CommandExit, emit, EXIT } from '../output.js';

const STORE_OPTION = ['--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)"] as const;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description("Custos's tamper-evident audit trail");

  audit
    .command('verify')
    .description('recompute every hash of the audit log; exit 1 naming the first entry altered, removed or moved')
    .option('--anchor <file>', 'an anchor saved earlier (custos audit anchor -o FILE): detects a cut or rewritten tail')
    .option(...STORE_OPTION)
    .action(async (opts: { anchor?: string; store?: string }) => {
      const anchor = opts.anchor === undefined ? undefined : readAnchor(opts.anchor);
      await withStore(opts.store, async (store) => {
        const result = await verifyChain(store.audit, anchor ? { anchor } : {});
        if (!result.ok) {
          process.stderr.write(
            `custos: the audit log is not intact at entry ${result.problem.seq} (${result.problem.kind}): ${result.problem.message}; ${result.entries} entries before it verified\n`,
          );
          throw new CommandExit(EXIT.errors);
        }
        const head = result.head ? `; head: entry ${result.head.seq}, hash ${result.head.hash}, appended ${result.head.at}` : '';
        emit(`audit log intact: ${result.entries} entries${head}${anchor ? `; anchor at entry ${anchor.seq} matches` : ''}`);
      });
    });

  audit
    .command('anchor')
    .description("print the log head's anchor (seq, hash, time) to keep outside the store")
    .option('-o, --out <file>', 'write the anchor to a file instead of stdout')
    .option(...STORE_OPTION)
    .action(async (opts: { out?: string; store?: string }) => {
      await withStore(opts.store, async (store) => {
        emit(`${JSON.stringify(await anchorOf(store.audit))}\n`, opts.out);
      });
    });
}

function readAnchor(file: string): AuditAnchor {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CustosError({
      code: 'invalid-input',
      message: `--anchor ${file}: cannot be read (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}); give the file custos audit anchor -o wrote`,
      details: { option: '--anchor' },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CustosError({
      code: 'invalid-input',
      message: `--anchor ${file}: not JSON; an anchor is the JSON that \`custos audit anchor\` prints: {"seq": 1234, "hash": "<64 hex>", "at": "<ISO instant>"}`,
      details: { option: '--anchor' },
    });
  }
  return parseAnchor(value, `--anchor ${file}`);
}
