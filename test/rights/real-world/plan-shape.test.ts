// The erasure plans of the real-world schemas, read without a store: what is deleted, masked or detached, and why.
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyModel } from '../../../src/policy/index.js';
import { planRequest, type ErasureOperation } from '../../../src/rights/index.js';
import { CHINOOK } from './chinook.js';
import { COMMON_MANIFEST } from './common.js';
import { HR } from './hr.js';
import { SAKILA } from './sakila.js';
import type { SchemaSpec } from './world.js';

function modelOf(spec: SchemaSpec): PolicyModel {
  const text = spec.manifest.replaceAll('{{store}}', `{ kind: sqlite, file: ${spec.name}.db }`);
  const result = compilePolicy(
    [
      { path: 'provider.yaml', text: COMMON_MANIFEST },
      { path: `${spec.name}.yaml`, text },
    ],
    { baseDir: '/nonexistent', now: new Date('2026-11-23T00:00:00Z') },
  );
  if (!result.model || !result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.model;
}

const erasure = (spec: SchemaSpec, identityKeys: string[]) => planRequest(modelOf(spec), { action: 'erase', identityKeys });
const detaches = (ops: readonly ErasureOperation[], collection: string, field: string, parent: string) =>
  ops.some((op) => op.kind === 'null-reference' && op.collection === collection && op.field === field && op.parent?.collection === parent);
const kindOf = (ops: readonly ErasureOperation[], collection: string) =>
  ops.find((op) => op.kind !== 'null-reference' && op.collection === collection)?.kind;

describe('erasure plans of real-world schemas', () => {
  it('music store: customers, invoices and lines are deleted; customers served by an erased rep are detached', () => {
    const plan = erasure(CHINOOK, ['email']);
    expect(['music.invoice_lines', 'music.invoices', 'music.customers', 'music.employees'].map((q) => kindOf(plan.erasure, q))).toEqual([
      'delete',
      'delete',
      'delete',
      'delete',
    ]);
    expect(detaches(plan.erasure, 'music.customers', 'support_rep_id', 'music.employees')).toBe(true);
    // Lookups are never reached: an association is not walked.
    expect(plan.lookups.map((l) => l.collection).filter((q) => /tracks|albums|playlist|genres|media_types|artists/.test(q))).toEqual([]);
  });

  it(`music store: employees reporting to an erased manager are detached`, () => {
    expect(detaches(erasure(CHINOOK, ['email']).erasure, 'music.employees', 'reports_to', 'music.employees')).toBe(true);
  });

  it('HR: dependents and job history are deleted before the employee; the department they head is detached', () => {
    const ops = erasure(HR, ['email']).erasure;
    const order = ops.filter((op) => op.kind === 'delete').map((op) => op.collection);
    expect(order.indexOf('hr.employees')).toBeGreaterThan(order.indexOf('hr.dependents'));
    expect(order.indexOf('hr.employees')).toBeGreaterThan(order.indexOf('hr.job_history'));
    expect(detaches(ops, 'hr.departments', 'manager_id', 'hr.employees')).toBe(true);
    expect(ops.some((op) => op.collection === 'hr.departments' && op.kind !== 'null-reference')).toBe(false);
  });

  it(`HR: employees managed by an erased manager are detached`, () => {
    expect(detaches(erasure(HR, ['employee_id']).erasure, 'hr.employees', 'manager_id', 'hr.employees')).toBe(true);
  });

  it('film rental: held payments keep their customer, NOT NULL staff references keep the staff, both masked and said', () => {
    const plan = erasure(SAKILA, ['email']);
    expect(kindOf(plan.erasure, 'rental.payments')).toBe('mask');
    expect(kindOf(plan.erasure, 'rental.customers')).toBe('mask');
    expect(kindOf(plan.erasure, 'rental.staff')).toBe('mask');
    expect(kindOf(plan.erasure, 'rental.address')).toBe('mask');
    expect(kindOf(plan.erasure, 'rental.rentals')).toBe('delete');
    expect(kindOf(plan.erasure, 'rental.customer_notes')).toBe('delete');
    // Stores, inventory and lookups are associations: never reached, never written.
    expect(plan.erasure.filter((op) => /stores|inventory|film|city|country/.test(op.collection))).toEqual([]);
    expect(plan.notes).toContainEqual(expect.stringMatching(/rental\.customers is masked.*rental\.payments.*customer_id.*NOT NULL/));
    expect(plan.notes).toContainEqual(expect.stringMatching(/rental\.staff is masked.*staff_id.*NOT NULL/));
    const payments = plan.erasure.find((op) => op.kind === 'mask' && op.collection === 'rental.payments');
    expect(payments?.kind === 'mask' ? payments.holds : []).toEqual(['payments-6y']);
    expect(detaches(plan.erasure, 'rental.payments', 'rental_id', 'rental.rentals')).toBe(true);
  });
});
