// The portability document (GDPR art. 20): the data the person provided, as structured, machine-readable JSON.
import type { ContactModel } from '../../policy/index.js';
import type { PackagedMessage } from './person-messages.js';
import { exportPersonData, portableFields, type ExecutionContext, type ExportedValue, type ExportSink, type RunRequest } from '../index.js';

export const PORTABILITY_FORMAT = 'custos-portability/1';

type PortableRow = Readonly<Record<string, ExportedValue>>;

export interface PortabilityDocument {
  readonly format: typeof PORTABILITY_FORMAT;
  readonly generatedAt: string;
  /** `address` is null when the manifest states none. */
  readonly controller: { readonly name: string; readonly address: string | null; readonly contact: ContactModel };
  /** `dataset.collection` → the person's rows, portable fields only; collections without rows are left out. */
  readonly collections: Readonly<Record<string, readonly PortableRow[]>>;
  /** K6.3: the messages sent to the person about their requests, oldest first (absent when none were given). */
  readonly messages?: readonly {
    readonly date: string;
    readonly status: PackagedMessage['status'];
    readonly template: string;
    readonly subject: string;
    readonly text: string;
  }[];
}

/**
 * Builds the document in memory: portability covers only what the person provided (profile, settings, content), which
 * stays small; the access package is the streaming path for everything else.
 */
export async function writePortabilityDocument(
  ctx: ExecutionContext,
  request: RunRequest,
  options: { readonly messages?: readonly PackagedMessage[] | undefined } = {},
): Promise<{ found: boolean; json: string }> {
  const collections = new Map<string, PortableRow[]>();
  let current: PortableRow[] = [];
  const sink: ExportSink = {
    async beginCollection() {
      current = [];
    },
    async row(values) {
      current.push({ ...values });
    },
    async endCollection(done) {
      if (current.length > 0) collections.set(done.collection.qualifiedName, current);
    },
  };
  const result = await exportPersonData(ctx, request, sink, { action: 'portability', fields: portableFields });
  if (!result.found) return { found: false, json: '' };
  const org = ctx.model.organization;
  const document: PortabilityDocument = {
    format: PORTABILITY_FORMAT,
    generatedAt: ctx.clock.now().toISOString(),
    controller: { name: org.name, address: org.address ?? null, contact: org.contact },
    collections: Object.fromEntries(collections),
    ...(options.messages === undefined || options.messages.length === 0
      ? {}
      : {
          messages: options.messages.map((m) => ({
            date: m.date.toISOString(),
            status: m.status,
            template: m.template,
            subject: m.subject,
            text: m.text,
          })),
        }),
  };
  return { found: true, json: `${JSON.stringify(document, null, 2)}\n` };
}
