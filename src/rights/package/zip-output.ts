// A zip written to disk as entries arrive: streamed entries are compressed when the zip reaches them, never held whole.
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * yazl writes entries one after another, in the order they were added. An entry stream that the zip has not reached
 * yet fills its buffer and then makes `write` return false: writers wait for `drain` (see `writeChunk`), so memory
 * stays flat however large the entry.
 */
export class ZipOutput {
  readonly #zip = new ZipFile();
  readonly #mtime: Date;
  readonly #done: Promise<void>;
  readonly #open = new Set<PassThrough>();
  #error: Error | undefined;

  /** `mtime` stamps every entry (the request's clock, so a package is reproducible). */
  constructor(path: string, mtime: Date) {
    this.#mtime = mtime;
    // Owner-only (0600): the package holds one person's data; the final rename keeps the mode.
    this.#done = pipeline(this.#zip.outputStream, createWriteStream(path, { mode: 0o600 }));
    this.#done.catch((error: unknown) => this.#fail(error));
    this.#zip.on('error', (error: unknown) => this.#fail(error));
  }

  /** A writable entry; end it when its content is complete. */
  stream(name: string): PassThrough {
    this.#check();
    const entry = new PassThrough();
    this.#open.add(entry);
    entry.once('close', () => this.#open.delete(entry));
    entry.once('end', () => this.#open.delete(entry));
    this.#zip.addReadStream(entry, name, { mtime: this.#mtime });
    return entry;
  }

  /** An entry read from a finished file (or a byte range of it, `end` inclusive), opened only when the zip reaches it. */
  file(path: string, name: string, range?: { readonly start: number; readonly end: number }): void {
    this.#check();
    this.#zip.addReadStreamLazy(name, { mtime: this.#mtime }, (callback) => callback(null, createReadStream(path, range)));
  }

  /** A small entry built in memory (summary, manifest). */
  buffer(content: string, name: string): void {
    this.#check();
    this.#zip.addBuffer(Buffer.from(content, 'utf8'), name, { mtime: this.#mtime });
  }

  /** Writes the central directory and waits until the file is complete. */
  async finish(): Promise<void> {
    this.#check();
    this.#zip.end();
    await this.#done;
    this.#check();
  }

  /** Stops writing (the caller removes the partial file); open entry streams fail so no writer waits forever. */
  async abort(reason: Error): Promise<void> {
    this.#fail(reason);
    await this.#done.catch(() => undefined);
  }

  #fail(error: unknown): void {
    if (this.#error) return;
    this.#error = error instanceof Error ? error : new Error(String(error));
    for (const entry of this.#open) entry.destroy(this.#error);
    this.#open.clear();
    (this.#zip.outputStream as PassThrough).destroy(this.#error);
  }

  #check(): void {
    if (this.#error) throw this.#error;
  }
}

/** Writes a chunk and, when the stream's buffer is full, waits until it drains (or fails). */
export async function writeChunk(stream: Writable, chunk: unknown): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(stream.errored ?? new Error('the stream closed before it drained'));
    stream.on('drain', onDrain);
    stream.once('error', done);
    stream.once('close', onClose);
  });
}
