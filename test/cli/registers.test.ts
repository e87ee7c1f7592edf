// `custos registers list` on a store file: each register's entries with what their clocks have left, the overdue alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { entryDueAt, recordEntry } from '../../src/workflow/index.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-cli-registers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AT = new Date('2026-11-23T10:00:00Z');

describe('custos registers list', () => {
  // A generous time limit: four processes, each loading the TypeScript sources, are slow on a busy machine.
  it('lists incidents with hours left, complaints with days left, the overdue ones alone, and refuses an unknown kind', async () => {
    const file = join(dir, 'custos.db');
    const store = openSqliteStore(file);
    try {
      const incident = recordEntry(
        'incident',
        'inc-1',
        {
          detectedAt: '2026-11-20T10:00:00Z',
          description: 'Laptop stolen',
          dataCategories: ['user.contact.email'],
          approxPeople: 10,
          approxRecords: 10,
          risk: 'risk',
          laws: ['gdpr'],
        },
        AT,
      );
      const complaint = recordEntry(
        'complaint',
        'cmp-1',
        { receivedAt: '2026-11-22T08:00:00Z', from: { personRef: 'p_1' }, subject: 'x' },
        AT,
      );
      for (const e of [incident, complaint]) await store.registers.create(e, entryDueAt(e, AT));
    } finally {
      await store.close();
    }
    const custos = (...args: string[]) => runCli(['registers', 'list', ...args, '--store', file], { cwd: dir });
    const all = await custos('--now', '2026-11-23T12:00:00Z');
    expect(all.status).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+STATUS\s+OPENED\s+DUE\s+LEFT$/);
    expect(lines[1]).toMatch(/^cmp-1\s+complaint\s+received\s+2026-11-22T08:00:00.000Z\s+2026-12-22T23:59:59.999Z\s+29d$/);
    expect(lines[2]).toMatch(/^inc-1\s+incident\s+open\s+2026-11-20T10:00:00.000Z\s+2026-11-23T10:00:00.000Z\s+-2h$/);
    const overdue = await custos('--overdue', '--now', '2026-11-23T12:00:00Z');
    expect(overdue.stdout).toContain('inc-1');
    expect(overdue.stdout).not.toContain('cmp-1');
    expect((await custos('--kind', 'authority')).stdout).toBe('no register entries\n');
    const wrong = await custos('--kind', 'breach');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('custos: --kind "breach" is not a register: use incident, authority, complaint\n');
  }, 240_000);
});
