// The plan of a request before it runs: what the rights engine would do to each collection, and a dry-run count of the
// person's rows in each (nothing written).
import { CustosError } from '../errors.js';
import {
  formatErasure,
  formatPlan,
  normalizeIdentities,
  previewRequest,
  type ErasureOperation,
  type RightsAction,
} from '../rights/index.js';
import { KIND_OPERATIONS, type Actor, type RequestStatus, type RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { auditActor, loadRequest } from './moves.js';

/** What one collection gets from the operation: its dataset, the person's rows in it now, and what happens to them. */
export interface CollectionPreview {
  readonly collection: string;
  readonly dataset: string;
  /** The person's rows there (a dry run: counted, nothing changed). */
  readonly rows: number;
  /** In words, in the order the operation does it (`delete rows`, `keep rows under invoices; email: null`…). */
  readonly actions: readonly string[];
  /** Fields an erasure writes in kept rows, with how. */
  readonly fields: readonly { readonly field: string; readonly strategy: string; readonly hold?: string | undefined }[];
}

export interface OperationPreview {
  readonly operation: RightsAction;
  /** Whether the dry run found the person at all. */
  readonly found: boolean;
  readonly collections: readonly CollectionPreview[];
  /** Collections holding personal data this request cannot reach, with why. */
  readonly unreachable: readonly { readonly collection: string; readonly reason: string }[];
  readonly notes: readonly string[];
  /** The whole plan as the command line prints it. */
  readonly text: string;
}

export interface PlanPreview {
  readonly requestId: string;
  /** One per operation the request may run: the chosen one, or each a kind may run while none is chosen (objection). */
  readonly operations: readonly OperationPreview[];
}

/** A plan is shown once the person is verified and until the request runs. */
export const PREVIEW_STATUSES: readonly RequestStatus[] = ['verified', 'awaiting-approval', 'approved'];

/** What an operation does to a collection it reaches but that no erasure step names. */
const WHAT_IT_DOES: Readonly<Record<RightsAction, string>> = Object.freeze({
  access: 'copied into the access package',
  portability: 'portable fields copied into the portability document',
  rectify: 'the asked-for fields corrected',
  erase: 'left as it is',
  restrict: 'marked restricted (kept, not processed)',
  'lift-restriction': 'restriction lifted',
});

/** The plan of each operation the request may run, with the person's rows counted; audited as a view of their data. */
export async function previewPlan(core: DeskCore, id: string, viewer: Actor, signal?: AbortSignal): Promise<PlanPreview> {
  const { request } = await loadRequest(core, id);
  if (!PREVIEW_STATUSES.includes(request.status))
    throw new CustosError({
      code: 'precondition-failed',
      message: `request ${id} is ${request.status}: its plan is shown once the person is verified and until it runs (${PREVIEW_STATUSES.join(', ')})`,
      details: { requestId: id, status: request.status },
    });
  const identities = normalizeIdentities(core.model, new Map(Object.entries(request.identities)));
  const pool = core.options.pool();
  const operations: OperationPreview[] = [];
  try {
    for (const operation of operationsOf(request)) {
      const preview = await previewRequest(core.model, operation, identities, pool, signal);
      const { plan } = preview;
      const erasure = formatErasure(plan).map((line) => line.replace(/^\s*\d+\.\s*/, ''));
      operations.push({
        operation,
        found: preview.found,
        collections: plan.lookups.map((lookup) => {
          const steps = plan.erasure.map((op, i) => ({ op, words: erasure[i]! })).filter(({ op }) => op.collection === lookup.collection);
          return {
            collection: lookup.collection,
            dataset: lookup.dataset,
            rows: preview.rows[lookup.collection] ?? 0,
            actions: steps.length > 0 ? steps.map((s) => s.words) : [WHAT_IT_DOES[operation]],
            fields: steps.flatMap(({ op }) => fieldsOf(op)),
          };
        }),
        unreachable: plan.unreachable,
        notes: plan.notes,
        text: formatPlan(plan),
      });
    }
  } finally {
    await pool.close();
  }
  await core.store.audit.append({
    actor: auditActor(viewer),
    action: 'person-data.viewed',
    subjects: { request: id },
    details: { view: 'plan', collections: operations.flatMap((o) => o.collections.filter((c) => c.rows > 0)).length },
  });
  return { requestId: id, operations };
}

function operationsOf(request: RightsRequest): readonly RightsAction[] {
  if (request.operation !== undefined) return [request.operation];
  return KIND_OPERATIONS[request.kind];
}

function fieldsOf(op: ErasureOperation): CollectionPreview['fields'] {
  if (op.kind !== 'mask') return [];
  return op.fields.map((f) => ({ field: f.field, strategy: f.strategy, ...(f.hold === undefined ? {} : { hold: f.hold }) }));
}
