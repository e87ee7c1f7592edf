// Fault suite: a private PostgreSQL server killed by pid during access and erasure (see sql-faults.ts).
import { expect, it } from 'vitest';
import { serviceUrl } from '../services.js';
import { missingBinaries } from './servers.js';
import { describeSqlFaults } from './sql-faults.js';

describeSqlFaults('postgres');

// Where the postgres server runs on this machine (as .ci/run starts it), the suite above must run, never skip.
const local = /@(127\.0\.0\.1|localhost)[:/]/.test(serviceUrl('postgres') ?? '');
it.runIf(local)('finds the postgres binaries it starts its private server with, so it runs rather than skips', () => {
  expect(missingBinaries('postgres')).toBeUndefined();
});
