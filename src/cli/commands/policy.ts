// `custos init`, `custos lint`, `custos schema`: scaffold, check and describe a manifest.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { DIAGNOSTIC_CODES, formatDiagnostic, manifestJsonSchema } from '../../policy/index.js';
import { compileForCommand, DEFAULT_MANIFEST_DIR, manifestUnreadable, parseNow } from '../manifest.js';
import { emit, EXIT } from '../output.js';

const TEMPLATE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates/init');

export function registerPolicyCommands(program: Command): void {
  program
    .command('init')
    .description('scaffold a commented manifest')
    .argument('[dir]', 'folder to create', DEFAULT_MANIFEST_DIR)
    .option('--force', 'write into a folder that already has files')
    .action((dir: string, opts: { force?: boolean }) => {
      if (existsSync(dir) && readdirSync(dir).length > 0 && !opts.force) {
        process.stderr.write(`custos: ${dir} is not empty; pass --force to write into it anyway\n`);
        process.exitCode = EXIT.unusable;
        return;
      }
      mkdirSync(dir, { recursive: true });
      const today = new Date().toISOString().slice(0, 10);
      for (const file of readdirSync(TEMPLATE_DIR)) {
        const text = readFileSync(join(TEMPLATE_DIR, file), 'utf8').replaceAll('{{today}}', today);
        writeFileSync(join(dir, file), text);
        process.stdout.write(`created ${join(dir, file)}\n`);
      }
      process.stdout.write(`next: edit the files, then run "custos lint ${dir}"\n`);
    });

  program
    .command('lint')
    .description('check a manifest; exit 0 clean, 1 errors, 2 unusable input')
    .argument('[dir]', 'manifest folder or file', DEFAULT_MANIFEST_DIR)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--now <iso>', 'evaluate review dates as of this instant')
    .option('--profile <name>', 'check the datasets as this store profile selects them (default CUSTOS_PROFILE)')
    .action((dir: string, opts: { format: 'text' | 'json'; now?: string; profile?: string }) => {
      const result = compileForCommand(dir, { now: parseNow(opts.now), profile: opts.profile });
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
      const infos = result.diagnostics.length - errors - warnings;
      const unusable = manifestUnreadable(result);
      if (opts.format === 'json') {
        emit(JSON.stringify({ ok: result.ok, files: result.files, errors, warnings, infos, diagnostics: result.diagnostics }, null, 2));
      } else {
        for (const d of result.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
        const problems =
          errors + warnings === 0
            ? 'no problems'
            : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
        const summary = infos === 0 ? problems : `${problems} (${infos} note${infos === 1 ? '' : 's'} on defaults relied on)`;
        process.stdout.write(`${summary} in ${result.files.length} file${result.files.length === 1 ? '' : 's'}\n`);
      }
      process.exitCode = unusable ? EXIT.unusable : errors > 0 ? EXIT.errors : EXIT.ok;
    });

  program
    .command('schema')
    .description('print the JSON Schema of manifest files (for editor completion)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((opts: { out?: string }) => emit(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`, opts.out));

  program
    .command('codes')
    .description('list the diagnostic codes')
    .action(() => {
      for (const [code, { severity, title }] of Object.entries(DIAGNOSTIC_CODES))
        process.stdout.write(`${code}  ${severity.padEnd(7)}  ${title}\n`);
    });
}
