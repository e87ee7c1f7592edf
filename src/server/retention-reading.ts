// The console's retention page reads the provider's stores through the retention engine, which the pages may not
// import: the server hands them this function (the plan and the forecast at an instant, on a pool opened for it).
import type { Desk } from '../desk/index.js';
import { forecastRetention, planRetention, sweptLines } from '../retention/index.js';
import { HISTORY_ROWS, HISTORY_SCAN, type ReadRetention } from '../web/index.js';

/** The next sweep's plan and the forecast at `now`, with the hold records in force then, and past sweeps; writes nothing. */
export const readRetentionOf =
  (desk: Desk): ReadRetention =>
  async (now, weeks) => {
    const { model, store, options } = desk.core;
    const holdRecords = await store.holds.inForce(now);
    // A pool of its own per page view, as a request's preview opens one: closed when both are read.
    const pool = options.pool();
    try {
      const plan = await planRetention(model, pool, { now, holdRecords });
      const forecast = await forecastRetention(model, pool, { now, weeks, holdRecords });
      const { lines, cut } = await sweptLines(store.audit, { lines: HISTORY_ROWS, scan: HISTORY_SCAN });
      const history = lines.map(({ counts, sweepId, ...line }) => ({
        ...line,
        sweep: sweepId,
        batches: counts['batches'] ?? 0,
        largestBatchMs: counts['largestBatchMs'] ?? 0,
      }));
      return { plan, forecast, history, historyCut: cut };
    } finally {
      await pool.close();
    }
  };
