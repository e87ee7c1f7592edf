// Worker thread entry: runs one lane (workerData) and reports progress, result or failure as LaneMessages.
import { parentPort, workerData } from 'node:worker_threads';
import { toCustosError } from '../../../src/errors.js';
import { compileNimbusManifest, runLane, type LaneMessage, type LaneOptions } from './lanes.js';
import { resolveGenerateOptions } from './options.js';

const { lane, options } = workerData as { lane: number; options: LaneOptions };
const controller = new AbortController();
const post = (message: LaneMessage) => parentPort?.postMessage(message);
parentPort?.on('message', (message: unknown) => {
  if (message === 'abort') controller.abort();
});
try {
  // A model does not cross threads: the worker resolves the options and compiles the manifest for itself.
  const config = resolveGenerateOptions(options);
  const result = await runLane(lane, config, compileNimbusManifest(config), {
    onRows: (customers, rows) => post({ type: 'rows', customers, rows }),
    onStep: (step) => post({ type: 'step', step }),
    signal: controller.signal,
  });
  post({ type: 'done', result });
} catch (error) {
  const failure = toCustosError(error, 'store-error');
  post({ type: 'error', code: failure.code, message: failure.message, details: failure.details });
}
