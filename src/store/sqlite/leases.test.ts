// Request leases in the SQLite store: one holder at a time, renewal, release, expiry, and takeover from an ended process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leaseOwner, ownerHasEnded } from '../lease-owner.js';
import { openSqliteStore } from './store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempFile = () => join((dir = mkdtempSync(join(tmpdir(), 'custos-leases-'))), 'custos.db');

/** The owner token a process of this host that has already exited would have written. */
function endedOwner(): string {
  const ran = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const mine = leaseOwner().split('|');
  return [mine[0], mine[1], ran.stdout, 'ended-run'].join('|');
}

describe('request leases', () => {
  it('hold a request id for one owner at a time until released, the holder renewing it', async () => {
    const store = openSqliteStore(tempFile());
    const [a, b] = [leaseOwner(), leaseOwner()];
    expect(await store.leases.take('req', a, 60_000)).toEqual({ taken: true });
    const refused = await store.leases.take('req', b, 60_000);
    expect(refused.taken).toBe(false);
    if (!refused.taken) expect(refused.holder.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Another request id is free.
    expect(await store.leases.take('other', b, 60_000)).toEqual({ taken: true });
    expect(await store.leases.renew('req', a, 60_000)).toBe(true);
    expect(await store.leases.renew('req', b, 60_000)).toBe(false);
    await store.leases.release('req', b);
    expect((await store.leases.take('req', b, 60_000)).taken).toBe(false);
    await store.leases.release('req', a);
    expect(await store.leases.take('req', b, 60_000)).toEqual({ taken: true });
    expect(await store.leases.renew('req', a, 60_000)).toBe(false);
    await store.close();
  });

  it('lets a lease that ran out, or whose holder has ended on this host, be taken over', async () => {
    const store = openSqliteStore(tempFile());
    await store.leases.take('expired', leaseOwner(), -1);
    expect(await store.leases.take('expired', leaseOwner(), 60_000)).toEqual({ taken: true });
    const ended = endedOwner();
    expect(ownerHasEnded(ended)).toBe(true);
    await store.leases.take('crashed', ended, 60_000);
    expect(await store.leases.take('crashed', leaseOwner(), 60_000)).toEqual({ taken: true });
    // A holder on another host, or this very process, may be alive: its lease is waited for.
    const elsewhere = ['another-host', '', '1', 'run'].join('|');
    expect(ownerHasEnded(elsewhere)).toBe(false);
    expect(ownerHasEnded(leaseOwner())).toBe(false);
    await store.leases.take('remote', elsewhere, 60_000);
    expect((await store.leases.take('remote', leaseOwner(), 60_000)).taken).toBe(false);
    await store.close();
  });
});
