// `custos rights …`: plan and execute access, portability, rectification, erasure and restriction for one person.
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import {
  erasureReport,
  executeErasure,
  executeRectification,
  executeRestriction,
  formatPlan,
  formatReport,
  notFoundReport,
  planRequest,
  previewReport,
  previewRequest,
  rectificationReport,
  restrictionReport,
  RIGHTS_ACTIONS,
  type RequestReport,
  type RightsAction,
} from '../../rights/index.js';
import { CustosError } from '../../errors.js';
import { commandContext, loadModel, type CommandContext, type RequestOptions } from '../context.js';
import { planIdentityKeys } from '../identities.js';
import { DEFAULT_MANIFEST_DIR } from '../manifest.js';
import { emit, EXIT } from '../output.js';
import { prepareOutputFile } from '../paths.js';
import { resumeHint } from '../resume.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function requestCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .requiredOption('--identity <key=value>', 'an identity of the person (repeatable), e.g. email=ada@example.com', collect, [])
    .option('--request-id <id>', 'run id (letters, digits, -, _, ., at most 128); the same id again resumes an interrupted run')
    .option('--store <location>', "Custos's own store (default .custos/custos.db or CUSTOS_STORE)")
    .option('--profile <name>', 'store profile of the datasets (default CUSTOS_PROFILE)')
    .option('--now <iso>', 'the instant the request is executed at (2026-11-23 or 2026-11-23T10:00:00Z)');
}

/**
 * Runs `work` with a context and always closes its connections and store; commands set `process.exitCode` rather than
 * exit, so that happens. A failure prints the run id to resume with only when there is a run to resume.
 */
async function withContext(
  dir: string,
  opts: RequestOptions,
  work: (ctx: CommandContext) => Promise<void>,
  progress = false,
): Promise<void> {
  const bar =
    progress && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: 'erasing [{bar}] {value}/{total} steps  {step}', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  const ctx = commandContext(dir, opts, (e) => {
    if (e.type === 'step-started') {
      if (bar && bar.getTotal() !== e.total) bar.start(e.total, e.index, { step: e.stepId });
      bar?.update(e.index, { step: e.stepId });
    }
  });
  try {
    await work(ctx);
  } catch (error) {
    const hint = await resumeHint(ctx.store, ctx.requestId);
    if (hint) process.stderr.write(`custos: ${hint}\n`);
    throw error;
  } finally {
    bar?.stop();
    await ctx.close();
  }
}

export function registerRightsCommands(program: Command): void {
  const rights = program.command('rights').description("find, export, correct, restrict and erase one person's data");

  rights
    .command('plan')
    .description('print the plan of a request without touching any data')
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .requiredOption('--identity <key=value>', 'an identity key the request carries (value optional here)', collect, [])
    .addOption(new Option('--action <action>', 'the request').choices([...RIGHTS_ACTIONS]).default('erase'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--profile <name>', 'store profile of the datasets')
    .action((dir: string, opts: { identity: string[]; action: RightsAction; format: 'text' | 'json'; profile?: string }) => {
      const model = loadModel(dir, opts);
      const plan = planRequest(model, { action: opts.action, identityKeys: planIdentityKeys(model, opts.identity) });
      emit(opts.format === 'json' ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    });

  requestCommand(rights, 'erase', "erase the person's data (account closure checks its preconditions first)")
    .option('--dry-run', 'print the plan and how many rows each step would touch, change nothing')
    .action(async (dir: string, opts: RequestOptions & { dryRun?: boolean }) => {
      await withContext(
        dir,
        opts,
        async (ctx) => {
          if (opts.dryRun) return printPreview(ctx, 'erase');
          const result = await executeErasure(ctx, { id: ctx.requestId, identities: ctx.identities });
          printReport(erasureReport(result, ctx.model, ctx.requestId));
        },
        true,
      );
    });

  requestCommand(rights, 'rectify', "correct the person's data in every store that holds it")
    .requiredOption(
      '--set <target=value>',
      'a category (user.contact.email) or dataset.collection.field, and its new value (repeatable)',
      collect,
      [],
    )
    .action(async (dir: string, opts: RequestOptions & { set: string[] }) => {
      const changes = opts.set.map((pair) => {
        const eq = pair.indexOf('=');
        // Not repeated in the error: without its target, what was typed may be the new value itself (personal data).
        if (eq <= 0)
          throw new CustosError({ code: 'invalid-input', message: '--set must be TARGET=VALUE (e.g. --set user.contact.email=…)' });
        return { target: pair.slice(0, eq), value: pair.slice(eq + 1) };
      });
      await withContext(dir, opts, async (ctx) => {
        const result = await executeRectification(ctx, { id: ctx.requestId, identities: ctx.identities }, changes);
        printReport(rectificationReport(result, ctx.requestId));
      });
    });

  requestCommand(rights, 'restrict', "restrict processing of the person's data (art. 18), or lift the restriction")
    .option('--lift', 'lift the restriction')
    .action(async (dir: string, opts: RequestOptions & { lift?: boolean }) => {
      await withContext(dir, opts, async (ctx) => {
        const result = await executeRestriction(ctx, { id: ctx.requestId, identities: ctx.identities }, { lift: Boolean(opts.lift) });
        printReport(restrictionReport(result, ctx.requestId, Boolean(opts.lift)));
      });
    });

  for (const action of ['access', 'portability'] as const) {
    requestCommand(
      rights,
      action,
      action === 'access'
        ? 'export a copy of the person’s data with everything art. 15 requires (zip)'
        : 'export the data the person provided, as structured JSON',
    )
      .option(
        '-o, --out <file>',
        action === 'access' ? 'the package to write (default access-<request id>.zip)' : 'the JSON file to write (default stdout)',
      )
      .option('--dry-run', 'print the plan and how many rows each collection holds, export nothing')
      .action(async (dir: string, opts: RequestOptions & { out?: string; dryRun?: boolean }) => {
        await withContext(dir, opts, async (ctx) => {
          if (opts.dryRun) return printPreview(ctx, action);
          // Checked before reading anyone's data: a bad destination fails at once, with nothing to resume.
          const out = action === 'access' ? (opts.out ?? `access-${ctx.requestId}.zip`) : opts.out;
          if (out !== undefined) prepareOutputFile(out);
          const { writeAccessPackage, writePortabilityDocument } = await import('../../rights/package/index.js');
          if (action === 'access' && out !== undefined) {
            const result = await writeAccessPackage(ctx, { id: ctx.requestId, identities: ctx.identities }, { out });
            if (!result.found) return notFound(ctx);
            process.stderr.write(`wrote ${out}: ${result.rows} row(s) from ${result.collections} collection(s)\n`);
          } else {
            const document = await writePortabilityDocument(ctx, { id: ctx.requestId, identities: ctx.identities });
            if (!document.found) return notFound(ctx);
            emit(document.json, out, { personal: true });
          }
        });
      });
  }
}

function notFound(ctx: CommandContext): void {
  printReport(notFoundReport(ctx.requestId));
}

/** A result on stdout; one that wrote nothing (nobody found, nothing to mark) is one line on stderr. Any but done exits 1. */
function printReport(report: RequestReport): void {
  switch (report.outcome) {
    case 'done':
      process.stdout.write(formatReport(report));
      return;
    case 'blocked':
      process.stdout.write(formatReport(report));
      process.exitCode = EXIT.errors;
      return;
    case 'not-found':
    case 'nothing-written':
      process.stderr.write(`custos: ${report.heading}\n`);
      process.exitCode = EXIT.errors;
      return;
    default:
      report.outcome satisfies never;
  }
}

/** A dry run prints the plan and the rows found, whoever it found: it changes nothing, so it never fails. */
async function printPreview(ctx: CommandContext, action: RightsAction): Promise<void> {
  const preview = await previewRequest(ctx.model, action, ctx.identities, ctx.pool, ctx.signal);
  process.stdout.write(formatReport(previewReport(preview, ctx.requestId)));
}
