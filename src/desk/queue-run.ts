// Sends a request's run to the job queue: one waiting `request.run` job per request, its payload the request id only.
import type { DeskCore } from './core.js';

export function queueRun(core: DeskCore, requestId: string): Promise<string> {
  return core.jobs.send(
    'request.run',
    { requestId },
    { singletonKey: requestId, retryLimit: core.options.runRetries, retryDelay: core.options.runRetryDelaySeconds, retryBackoff: true },
  );
}
