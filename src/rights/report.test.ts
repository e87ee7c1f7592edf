// One result formatter for the CLI and the server: the data of a report, and its text form, as people read it.
import { describe, expect, it } from 'vitest';
import type { PolicyModel } from '../policy/index.js';
import { erasureReport, formatReport, previewReport, restrictionReport } from './report.js';
import type { RightsPlan } from './plan.js';

// Results without holds never read the model: an empty one stands in.
const model = { legalHolds: new Map() } as unknown as PolicyModel;
const step = (stepId: string, rows: number, skipped = false) => ({
  stepId,
  kind: 'delete',
  collection: stepId.split(':')[1] ?? '',
  rows,
  skipped,
});

describe('request reports', () => {
  it('lists an erasure’s steps with the rows each wrote, and says which an earlier attempt had done', () => {
    const report = erasureReport(
      {
        status: 'completed',
        runId: 'r',
        resumed: true,
        steps: [step('1:shop.orders', 3, true), step('2:shop.customers', 1)],
        holds: [],
        notes: [],
      },
      model,
      'req-1',
    );
    expect(report).toMatchObject({
      outcome: 'done',
      heading: 'erased (req-1, resumed)',
      rows: [
        { subject: '1:shop.orders', rows: 3, byEarlierAttempt: true },
        { subject: '2:shop.customers', rows: 1 },
      ],
    });
    expect(formatReport(report)).toBe(
      `erased (req-1, resumed):\n  ${'1:shop.orders'.padEnd(48)} 3 row(s), by an earlier attempt\n  ${'2:shop.customers'.padEnd(48)} 1 row(s)\n`,
    );
  });

  it('lists the blockers of an account closure, and nothing as erased', () => {
    const report = erasureReport(
      {
        status: 'blocked',
        runId: 'r',
        blockers: [{ id: 'open-invoices', description: { en: 'Unpaid invoices' }, collection: 'shop.invoices', rows: 2 }],
      },
      model,
      'req-2',
    );
    expect(report.outcome).toBe('blocked');
    expect(formatReport(report)).toBe('account closure blocked (req-2):\n  - Unpaid invoices: 2 row(s) in shop.invoices\n');
    expect(formatReport(report)).not.toContain('erased');
  });

  it('says a restriction wrote nothing when no collection declares a mark, naming them and the fix', () => {
    const report = restrictionReport({ status: 'completed', runId: 'r', steps: [], unmarked: ['crm.people'] }, 'req-3', false);
    expect(report.outcome).toBe('nothing-written');
    expect(report.heading).toBe(
      'nothing restricted (req-3): no restriction mark is declared for crm.people; add restriction: { field, value } to these collections',
    );
  });

  it('prints a dry run’s plan, then only the collections holding rows of the person', () => {
    const plan: RightsPlan = { action: 'erase', identityKeys: ['email'], lookups: [], erasure: [], unreachable: [], notes: [] };
    const text = formatReport(previewReport({ plan, found: true, rows: { 'shop.customers': 1, 'shop.orders': 0 } }, 'req-4'));
    expect(text).toBe(
      `Plan: erase for identities email\n\nLookups (in order):\n\nRows of this person (dry run, nothing changed):\n  ${'shop.customers'.padEnd(40)} 1\n`,
    );
    expect(text).not.toContain('shop.orders');
  });
});
