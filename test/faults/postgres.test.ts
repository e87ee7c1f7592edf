// Fault suite: a private PostgreSQL server killed by pid during access and erasure (see sql-faults.ts).
import { describeSqlFaults } from './sql-faults.js';

describeSqlFaults('postgres');
