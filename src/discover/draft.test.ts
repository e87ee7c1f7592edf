import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { IntrospectedColumn } from '../connectors/index.js';
import { draftDataset } from './draft.js';

const column = (name: string, more: Partial<IntrospectedColumn> = {}): IntrospectedColumn => ({
  name,
  dataType: 'integer',
  nullable: true,
  primaryKey: false,
  samples: [],
  ...more,
});

type Drafted = { datasets: { main: { collections: Record<string, { fields: Record<string, { category?: string; link?: string }> }> } } };

describe('people read from the references that point at them', () => {
  it('takes a table a role column points at for people, and a region a sales region points at for a lookup', () => {
    const draft = draftDataset(
      [
        { name: 'reps', columns: [column('id', { primaryKey: true }), column('name', { dataType: 'text' })] },
        { name: 'regions', columns: [column('id', { primaryKey: true }), column('name', { dataType: 'text' })] },
        {
          name: 'customers',
          columns: [
            column('id', { primaryKey: true }),
            column('email', { dataType: 'text' }),
            column('support_rep_id', { references: { table: 'reps', column: 'id' } }),
            column('sales_region_id', { references: { table: 'regions', column: 'id' } }),
          ],
        },
      ],
      { kind: 'postgres', store: { env: 'DATABASE_URL' } },
    );
    const collections = (parse(draft.yaml) as Drafted).datasets.main.collections;
    expect(collections.reps!.fields.name!.category).toBe('user.identity.name');
    expect(collections.reps!.fields.id!.category).toBe('user.account.id');
    expect(collections.regions!.fields.name!.category).toBeUndefined();
    expect(collections.customers!.fields.support_rep_id!.link).toBe('association');
    expect(collections.customers!.fields.sales_region_id!.link).toBe('association');
    expect(draft.yaml).toContain('reps (customers.support_rep_id names a role ("rep") its rows hold)');
  });

  it('proposes owns for a one-to-one reference, and says when it could not tell', () => {
    const draft = draftDataset(
      [
        {
          name: 'customers',
          columns: [
            column('id', { primaryKey: true }),
            column('email', { dataType: 'text' }),
            column('address_id', { references: { table: 'addresses', column: 'id' }, spread: { rows: 40, distinct: 40 } }),
            column('billing_id', { references: { table: 'billing', column: 'id' } }),
          ],
        },
        { name: 'addresses', columns: [column('id', { primaryKey: true }), column('street', { dataType: 'text' })] },
        { name: 'billing', columns: [column('id', { primaryKey: true }), column('city', { dataType: 'text' })] },
      ],
      { kind: 'postgres', store: { env: 'DATABASE_URL' } },
    );
    expect(draft.yaml).toMatch(/# link owns proposed: one-to-one over 40 sampled rows.*\n\s+address_id:/);
    expect(draft.yaml).toMatch(/# link association proposed: too few rows to tell whose row is whose: check\n\s+billing_id:/);
    // The owned address is a person's; the street is proposed there.
    expect(draft.yaml).toContain('category: user.contact.address');
  });
});
