// Packages for the person: written to a private folder, handed over once through a single-use, expiring download token.
import { createReadStream } from 'node:fs';
import { chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { CustosError } from '../errors.js';
import type { DeskCore } from './core.js';
import { newToken, tokenHash } from './secrets.js';

/** The private folder's path for a run's package (`<packagesDir>/<runId>.zip`), the folder created owner-only. */
export async function packagePath(core: DeskCore, runId: string, extension: 'zip' | 'json'): Promise<string> {
  await mkdir(core.options.packagesDir, { recursive: true, mode: 0o700 });
  await chmod(core.options.packagesDir, 0o700);
  return join(core.options.packagesDir, `${runId}.${extension}`);
}

/** Writes a document (portability) owner-only. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
}

/** A download token for `file`: returned once (for the message), kept hashed with its expiry. */
export async function issueDownload(core: DeskCore, requestId: string, file: string): Promise<{ token: string; expiresAt: Date }> {
  await chmod(file, 0o600);
  const { token, hash } = newToken();
  const now = core.clock.now();
  const expiresAt = new Date(now.getTime() + core.options.downloadLifetimeMs);
  await core.store.secrets.addToken({ hash, purpose: 'download', requestId, createdAt: now, expiresAt, file });
  return { token, expiresAt };
}

export interface Download {
  readonly requestId: string;
  /** `access-<request id>.zip` or `portability-<request id>.json`. */
  readonly fileName: string;
  readonly mediaType: 'application/zip' | 'application/json';
  readonly size: number;
  /** The file's bytes; the file is removed once the stream closes. */
  readonly stream: Readable;
}

/** A download link as a page may describe it: still `ready` (until when, of which type), or `gone` (used, expired, unknown alike). */
export type DownloadState =
  { readonly state: 'ready'; readonly expiresAt: Date; readonly mediaType: Download['mediaType'] } | { readonly state: 'gone' };

/** Reads a download token without using it. */
export async function downloadState(core: DeskCore, token: string): Promise<DownloadState> {
  if (typeof token !== 'string' || token === '') return { state: 'gone' };
  const found = await core.store.secrets.token(tokenHash(token));
  const now = core.clock.now();
  if (!found || found.purpose !== 'download' || found.file === undefined || found.usedAt !== undefined) return { state: 'gone' };
  if (found.expiresAt === undefined || found.expiresAt <= now) return { state: 'gone' };
  return { state: 'ready', expiresAt: found.expiresAt, mediaType: found.file.endsWith('.json') ? 'application/json' : 'application/zip' };
}

/**
 * Hands the package over once: the token is marked used before the file is opened, so a second call (or a concurrent
 * one) is refused, as is an expired or unknown token (`not-found`, saying which cases without telling them apart).
 */
export async function download(core: DeskCore, token: string): Promise<Download> {
  const gone = () =>
    new CustosError({
      code: 'not-found',
      message: 'this download link was already used, has expired, or is not one: ask the privacy team for a new copy',
    });
  if (typeof token !== 'string' || token === '') throw gone();
  const used = await core.store.secrets.useToken(tokenHash(token), core.clock.now());
  if (!used || used.purpose !== 'download' || used.file === undefined) throw gone();
  const file = used.file;
  const size = await stat(file).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) throw gone();
  const json = file.endsWith('.json');
  const stream = createReadStream(file);
  // Handed over once: the copy is not kept for a second download.
  stream.once('close', () => void rm(file, { force: true }));
  const runId = basename(file).replace(/\.(zip|json)$/, '');
  await core.store.audit.append({
    actor: { kind: 'person', id: 'requester' },
    action: 'package.downloaded',
    subjects: { request: used.requestId, package: runId },
    details: { bytes: size },
  });
  return {
    requestId: used.requestId,
    fileName: `${json ? 'portability' : 'access'}-${used.requestId}.${json ? 'json' : 'zip'}`,
    mediaType: json ? 'application/json' : 'application/zip',
    size,
    stream,
  };
}

/**
 * Removes the packages whose download token expired unused, and their tokens: a package holds the person's data and is
 * kept no longer than its link works. Returns how many were removed. A server calls it on a timer.
 */
export async function purgeExpiredPackages(core: DeskCore): Promise<number> {
  let removed = 0;
  for (;;) {
    const expired = await core.store.secrets.expiredTokens('download', core.clock.now(), 100);
    for (const token of expired) {
      if (token.file !== undefined) await rm(token.file, { force: true });
      if (await core.store.secrets.dropToken(token.hash)) removed++;
    }
    if (expired.length < 100) return removed;
  }
}
