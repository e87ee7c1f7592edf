// `custos anonymize check FILE.csv` or `--collection dataset.collection`: the three anonymisation tests on a CSV file or on a
// collection against its declared thresholds; exit 0 pass, 1 fail, 2 unusable input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkAnonymityOfTable, formatAnonymityReport, readCsv, type AnonymityReport, type LinkTarget } from '../../anonymize/index.js';
import { createConnectorPool } from '../../connectors/index.js';
import { checkCollectionAnonymity } from '../../retention/index.js';
import { CustosError } from '../../errors.js';
import { DEFAULT_MANIFEST_DIR, requireModel } from '../manifest.js';
import { CommandExit, emit, EXIT } from '../output.js';

interface CheckOptions {
  collection?: string;
  profile?: string;
  quasi?: string;
  sensitive?: string;
  k?: string;
  l?: string;
  t?: string;
  maxShareBelowK?: string;
  identifierShare?: string;
  columns?: string;
  knownIdentifiers?: string;
  link: string[];
  delimiter: string;
  json?: boolean;
}

export function registerAnonymizeCommands(program: Command): void {
  const anonymize = program.command('anonymize').description('check that anonymised data is anonymous');

  anonymize
    .command('check')
    .description(
      'singling out (k-anonymity), linkability and inference (l-diversity, t-closeness) of a CSV file, or of a collection against the thresholds its manifest declares; exit 1 on a failed test',
    )
    .argument(
      '[source]',
      `a CSV file with a header line (RFC 4180), or with --collection the manifest folder (default ${DEFAULT_MANIFEST_DIR})`,
    )
    .option('--collection <dataset.collection>', "check a collection of the provider's stores, read through its connector")
    .option('--profile <name>', 'store profile of the datasets, with --collection (default CUSTOS_PROFILE)')
    .option(
      '--quasi <columns>',
      "the quasi-identifiers, comma-separated: columns someone could know from elsewhere (a collection's: declared)",
    )
    .option('--sensitive <columns>', 'the sensitive attribute(s), comma-separated (without one, inference is not checked)')
    .option('--k <n>', 'smallest equivalence class allowed (default: declared, else 5)')
    .option('--l <n>', 'distinct sensitive values each class must have (default: declared, else 2)')
    .option(
      '--t <distance>',
      'largest distance of a class’s sensitive values to the whole data’s, 0–1 (default: declared, else not checked)',
    )
    .option('--max-share-below-k <share>', 'share of records allowed in classes under k (a suppression budget), 0–1 (default 0)')
    .option(
      '--identifier-share <share>',
      'share of records with a value of their own that makes a column a stable identifier (default 0.5)',
    )
    .option(
      '--columns <columns>',
      "columns the linkability test scans, comma-separated (default: all; a collection's: all but its primary key)",
    )
    .option(
      '--known-identifiers <file>',
      'known e-mail addresses or phone numbers, one a line: their MD5, SHA-1 and SHA-256 are recomputed',
    )
    .option('--link <file[:column]>', 'another CSV file whose values records could be joined to (repeatable)', collect, [])
    .option('--delimiter <char>', 'the field separator of CSV files', ',')
    .option('--json', 'print the report as JSON')
    .action(async (source: string | undefined, opts: CheckOptions) => {
      const given = {
        ...(opts.quasi === undefined ? {} : { quasi: list(opts.quasi, '--quasi') }),
        ...(opts.sensitive === undefined ? {} : { sensitive: list(opts.sensitive, '--sensitive') }),
        ...(opts.k === undefined ? {} : { k: whole(opts.k, '--k') }),
        ...(opts.l === undefined ? {} : { l: whole(opts.l, '--l') }),
        ...(opts.t === undefined ? {} : { t: share(opts.t, '--t') }),
        ...(opts.maxShareBelowK === undefined ? {} : { maxShareBelowK: share(opts.maxShareBelowK, '--max-share-below-k') }),
        ...(opts.identifierShare === undefined ? {} : { identifierShare: share(opts.identifierShare, '--identifier-share') }),
        ...(opts.columns === undefined ? {} : { columns: list(opts.columns, '--columns') }),
      };
      const extra = {
        ...(opts.knownIdentifiers === undefined ? {} : { knownIdentifiers: knownIdentifiers(opts.knownIdentifiers) }),
        linkTargets: opts.link.flatMap((spec) => linkTargets(spec, opts.delimiter)),
      };
      let report: AnonymityReport;
      let named: { file: string } | { collection: string };
      if (opts.collection !== undefined) {
        const collection = opts.collection;
        const model = requireModel(source ?? DEFAULT_MANIFEST_DIR, { now: new Date(), profile: opts.profile, warnings: false });
        const pool = createConnectorPool(model);
        try {
          report = await checkCollectionAnonymity(model, pool, collection, { ...given, ...extra });
        } finally {
          await pool.close();
        }
        named = { collection };
      } else {
        if (source === undefined)
          throw new CustosError({
            code: 'invalid-input',
            message: 'name a CSV file to check, or a collection with --collection dataset.collection',
          });
        if (given.quasi === undefined)
          throw new CustosError({
            code: 'invalid-input',
            message: '--quasi: name the quasi-identifiers of the file, e.g. --quasi age,postcode',
          });
        const table = readCsv(readText(source, 'FILE'), { source, delimiter: opts.delimiter });
        report = checkAnonymityOfTable(table, { ...given, quasi: given.quasi, ...extra });
        named = { file: source };
      }
      const label = 'file' in named ? named.file : named.collection;
      emit(opts.json ? JSON.stringify({ ...named, ...report }, null, 2) : formatAnonymityReport(report, label));
      if (!report.passed) throw new CommandExit(EXIT.errors);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function list(text: string, option: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new CustosError({ code: 'invalid-input', message: `${option}: name at least one column, e.g. ${option} age,postcode` });
  return names;
}

function whole(text: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1)
    throw new CustosError({ code: 'invalid-input', message: `${option} ${text}: expected a whole number of at least 1` });
  return n;
}

function share(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new CustosError({ code: 'invalid-input', message: `${option} ${text}: expected a number from 0 to 1 (e.g. 0.05 for 5%)` });
  return n;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CustosError({
      code: 'invalid-input',
      message: `${file}: cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : (code ?? 'unreadable')}); give ${what} as a path to a file`,
      details: { file },
    });
  }
}

function knownIdentifiers(file: string): string[] {
  return readText(file, '--known-identifiers')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `other.csv` (every column a target) or `other.csv:email` (one column). */
function linkTargets(spec: string, delimiter: string): LinkTarget[] {
  const match = /^(.*?)(?::([^:/\\]+))?$/.exec(spec);
  const file = match?.[1] ?? spec;
  const column = match?.[2];
  const table = readCsv(readText(file, '--link'), { source: file, delimiter });
  const columns = column === undefined ? table.header : [column];
  return columns.map((name) => {
    const index = table.header.indexOf(name);
    if (index < 0)
      throw new CustosError({
        code: 'invalid-input',
        message: `--link ${spec}: ${file} has no column "${name}" (columns: ${table.header.join(', ')})`,
      });
    return { name: `${file}:${name}`, values: table.rows.map((row) => row[index]) };
  });
}
