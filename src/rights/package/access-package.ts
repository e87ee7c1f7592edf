// The access package (GDPR art. 15, K5.1, K6.3): a zip of the person's data as JSON and CSV, their outbox, the messages
// Custos sent them, and a summary page.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Language } from '../../policy/index.js';
import { pickLanguage } from '../../render/index.js';
import { exportPersonData, type ExecutionContext, type RunRequest } from '../index.js';
import { packageManifest } from './package-manifest.js';
import { createPackageSink } from './package-sink.js';
import { renderSummary } from './summary.js';
import { messageFiles, type PackagedMessage } from './person-messages.js';
import { packageMessages } from './summary-messages.js';
import { ZipOutput } from './zip-output.js';

export interface AccessPackageOptions {
  /** The zip file to write. */
  readonly out: string;
  /** Language of summary.html, of the withheld markers and of the outbox files' headers (default: the manifest's first). */
  readonly lang?: Language | undefined;
  /**
   * K6.3: the messages sent (or queued) to the person about their requests, rendered by the caller with the package's
   * markers (`messageCopyMarkers`), oldest first; each becomes `messages/0001-<template>.txt`. Default: none.
   */
  readonly messages?: readonly PackagedMessage[] | undefined;
}

export interface AccessPackageResult {
  readonly found: boolean;
  /** Rows written, over every collection. */
  readonly rows: number;
  /** Collections with at least one row (each has a JSON and a CSV file). */
  readonly collections: number;
  /** Messages to the person the package holds (K6.3). */
  readonly messages: number;
  readonly file: string;
}

/**
 * Exports the person's data into a zip at `out`, streaming: each collection's rows are written as they are read, so
 * memory stays flat whatever their number. Nothing is left at `out` when the person is not found or the export fails;
 * the zip is built in a work folder beside `out` (same file system, so the final rename is atomic) and that folder is
 * removed in every case.
 */
export async function writeAccessPackage(
  ctx: ExecutionContext,
  request: RunRequest,
  options: AccessPackageOptions,
): Promise<AccessPackageResult> {
  const lang = pickLanguage(ctx.model, options.lang);
  const file = resolve(options.out);
  const work = await mkdtemp(join(dirname(file), '.custos-access-'));
  const generatedAt = ctx.clock.now();
  const zipPath = join(work, 'package.zip');
  const zip = new ZipOutput(zipPath, generatedAt);
  const sink = createPackageSink(zip, work, lang);
  try {
    const result = await exportPersonData(ctx, request, sink, { action: 'access', markers: packageMessages(lang).package.markers });
    if (!result.found) {
      await zip.abort(new Error('nothing to package: the person was not found'));
      return { found: false, rows: 0, collections: 0, messages: 0, file };
    }
    const collections = sink.packaged;
    const files = messageFiles(options.messages ?? [], lang);
    for (const f of files) zip.buffer(f.content, f.entry.file);
    const contents = { requestId: request.id, generatedAt, lang, collections, messages: files.map((f) => f.entry) };
    zip.buffer(renderSummary({ model: ctx.model, ...contents }), 'summary.html');
    zip.buffer(`${JSON.stringify(packageManifest(ctx.model, contents), null, 2)}\n`, 'manifest.json');
    await zip.finish();
    await rename(zipPath, file);
    return {
      found: true,
      rows: collections.reduce((n, c) => n + c.rows, 0),
      collections: collections.length,
      messages: files.length,
      file,
    };
  } catch (error) {
    sink.destroy();
    await zip.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
