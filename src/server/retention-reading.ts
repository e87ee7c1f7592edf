// The console's retention page reads the provider's stores through the retention engine, which the pages may not
// import: the server hands them this function (the plan and the forecast at an instant, on a pool opened for it).
import type { Desk } from '../desk/index.js';
import { forecastRetention, planRetention } from '../retention/index.js';
import type { ReadRetention } from '../web/index.js';

/** The next sweep's plan and the forecast at `now`, with the hold records in force then; writes nothing. */
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
      return { plan, forecast };
    } finally {
      await pool.close();
    }
  };
