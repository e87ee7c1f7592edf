// The child process of bench/load.ts: runs autocannon once with the options in argv[2] and prints its result as JSON.
// Each request's body gets a fresh number in place of `[<id>]` (autocannon's own idReplacement miscounts the length).
import { createRequire } from 'node:module';

/** The few options and the one call of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonRequest {
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (options: {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly requests: readonly AutocannonRequest[];
}) => Promise<unknown>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const options = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  seconds: number;
  connections: number;
};
let n = 0;
const body = options.body;
const request: AutocannonRequest =
  body === undefined
    ? { method: options.method }
    : {
        method: options.method,
        headers: { 'content-type': 'application/json' },
        setupRequest: (r) => ({ ...r, body: body.replaceAll('[<id>]', `${process.pid}-${++n}`) }),
      };
const result = await autocannon({ url: options.url, connections: options.connections, duration: options.seconds, requests: [request] });
process.stdout.write(`${JSON.stringify(result)}\n`);
