// Test support: a separate process appending `each` entries to a SQLite audit log, for the concurrent-appenders test.
import { openSqliteAuditLog } from './log.js';

const [file, appender, each, startAt] = process.argv.slice(2);
const log = openSqliteAuditLog(file!);
// Both processes start appending at the same instant, whichever took longer to start.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (let i = 0; i < Number(each); i++) {
  await log.append({ actor: { kind: 'system', id: `appender-${appender}` }, action: 'retention.swept', details: { rows: i } });
  // A pause between appends, so the two processes' appends interleave.
  await new Promise((resolve) => setTimeout(resolve, 1));
}
await log.close();
