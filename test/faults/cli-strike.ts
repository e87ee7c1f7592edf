// Preloaded into a `custos` process by the fault suites: kills the server (CUSTOS_FAULT_KILL_PID) just before the first
// statement that starts with CUSTOS_FAULT_KILL_AT (e.g. `delete`), so the real command meets a server that died mid-request.
import mysql from 'mysql2';
import pg from 'pg';
import { killProcessTree } from './servers.js';

const pid = Number(process.env.CUSTOS_FAULT_KILL_PID);
const at = process.env.CUSTOS_FAULT_KILL_AT?.toLowerCase();

if (pid > 0 && at) {
  let armed = true;
  const strike = (text: unknown) => {
    if (armed && typeof text === 'string' && text.trimStart().toLowerCase().startsWith(at)) {
      armed = false;
      killProcessTree(pid);
    }
  };
  type Query = (this: unknown, first: unknown, ...rest: unknown[]) => unknown;
  const patch = (prototype: { query: Query }) => {
    const original = prototype.query;
    prototype.query = function (this: unknown, first: unknown, ...rest: unknown[]) {
      strike(
        typeof first === 'object' && first !== null
          ? ((first as { text?: unknown; sql?: unknown }).text ?? (first as { sql?: unknown }).sql)
          : first,
      );
      return original.call(this, first, ...rest);
    };
  };
  patch(pg.Client.prototype as unknown as { query: Query });
  // Pool connections inherit their query from Connection's prototype.
  patch(mysql.Connection.prototype as unknown as { query: Query });
}
