// The access package's ExportSink: each collection's rows stream into a JSON zip entry, a CSV spool file and, for outboxes, emails.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import type { CollectionModel, FieldModel, Language } from '../../policy/index.js';
import type { ExportedValue, ExportSink } from '../index.js';
import { dataFileNames, type PackagedCollection } from './found.js';
import { OutboxSpool } from './outbox.js';
import { writeChunk, type ZipOutput } from './zip-output.js';

/**
 * The JSON array goes straight into the zip. The CSV cannot: a zip stores entries one after the other, so a second
 * entry written at the same time would wait for the first to end and the export would stall on backpressure. It is
 * spooled to a file in the package's work folder and added when the collection ends.
 */
class CollectionWriter {
  readonly #names: { readonly json: string; readonly csv: string };
  readonly #json: PassThrough;
  readonly #csvPath: string;
  readonly #csv: Stringifier;
  readonly #csvDone: Promise<void>;
  readonly #outbox: OutboxSpool | undefined;
  #rows = 0;

  constructor(
    readonly zip: ZipOutput,
    spool: string,
    index: number,
    readonly collection: CollectionModel,
    readonly fields: readonly FieldModel[],
    lang: Language,
  ) {
    this.#names = dataFileNames(collection);
    this.#json = zip.stream(this.#names.json);
    this.#csvPath = join(spool, `${index}.csv`);
    // A byte-order mark, so spreadsheets read UTF-8; booleans as words (csv-stringify writes `1` and an empty cell).
    this.#csv = stringify({ header: true, bom: true, columns: fields.map((f) => f.name), cast: { boolean: (v) => String(v) } });
    this.#csvDone = pipeline(this.#csv, createWriteStream(this.#csvPath, { mode: 0o600 }));
    this.#csvDone.catch(() => undefined); // awaited in end(); this only keeps an abandoned run from an unhandled rejection
    this.#outbox = collection.outbox
      ? new OutboxSpool(join(spool, `${index}.outbox`), `outbox/${collection.dataset}.${collection.name}`, fields, lang)
      : undefined;
  }

  async row(values: Readonly<Record<string, ExportedValue>>): Promise<void> {
    await writeChunk(this.#json, `${this.#rows === 0 ? '[\n' : ',\n'}${JSON.stringify(values)}`);
    await writeChunk(this.#csv, values);
    await this.#outbox?.write(values);
    this.#rows++;
  }

  async end(): Promise<PackagedCollection> {
    this.#json.end('\n]\n');
    this.#csv.end();
    await this.#csvDone;
    this.zip.file(this.#csvPath, this.#names.csv);
    const emails: string[] = [];
    if (this.#outbox) {
      const spooled = this.#outbox.path;
      for (const e of await this.#outbox.close()) {
        this.zip.file(spooled, e.name, { start: e.start, end: e.end });
        emails.push(e.name);
      }
    }
    return {
      collection: this.collection,
      fields: this.fields,
      rows: this.#rows,
      files: [this.#names.json, this.#names.csv],
      emails,
    };
  }

  destroy(): void {
    this.#json.destroy();
    this.#csv.destroy();
    this.#outbox?.destroy();
  }
}

export interface PackageSink extends ExportSink {
  /** Collections that had at least one row, in export order. */
  readonly packaged: readonly PackagedCollection[];
  /** Releases open streams after a failed export. */
  destroy(): void;
}

/** A sink writing into `zip`, with `spool` as its work folder. A collection without rows produces no file. */
export function createPackageSink(zip: ZipOutput, spool: string, lang: Language): PackageSink {
  const packaged: PackagedCollection[] = [];
  let current: { readonly collection: CollectionModel; readonly fields: readonly FieldModel[] } | undefined;
  let writer: CollectionWriter | undefined;
  return {
    packaged,
    async beginCollection(collection, fields) {
      current = { collection, fields };
      writer = undefined;
    },
    async row(values) {
      if (current === undefined) throw new Error('the export sent a row outside a collection');
      // Opened on the first row, so a collection without rows leaves no trace in the package.
      writer ??= new CollectionWriter(zip, spool, packaged.length, current.collection, current.fields, lang);
      await writer.row(values);
    },
    async counted(collection, rows) {
      packaged.push({ collection, fields: [], rows, files: [], emails: [] });
    },
    async endCollection() {
      if (writer) packaged.push(await writer.end());
      writer = undefined;
      current = undefined;
    },
    destroy() {
      writer?.destroy();
    },
  };
}
