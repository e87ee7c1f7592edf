// After a failed request: whether running it again with its id resumes it, and the line that says so.
import type { Store } from '../store/index.js';

/**
 * The hint to resume, when the failed request left a journaled run that has not ended. A failure before anything was
 * journaled (a value of the wrong type, a bad -o) has nothing to resume and gets none. When the store cannot say (it
 * is down), the hint is given: with an id the journal does not know, running again simply starts a new run.
 */
export async function resumeHint(store: Pick<Store, 'journal'>, requestId: string): Promise<string | undefined> {
  let resumable: boolean;
  try {
    resumable = (await store.journal.get(requestId))?.status === 'running';
  } catch {
    resumable = true;
  }
  return resumable ? `request ${requestId} stopped; run the same command with --request-id ${requestId} to resume` : undefined;
}
