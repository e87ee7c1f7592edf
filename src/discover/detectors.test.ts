import { describe, expect, it } from 'vitest';
import { draftDataset, isCardNumber, isIban, proposeCategory } from './index.js';

describe('category detection', () => {
  it('recognises columns by name and by sampled values', () => {
    expect(proposeCategory('email', [])?.category).toBe('user.contact.email');
    expect(proposeCategory('contact', ['ada@example.com', 'bob@example.org'])?.category).toBe('user.contact.email');
    expect(proposeCategory('source', ['203.0.113.7', '2001:db8::1'])?.category).toBe('system.network.ip');
    expect(proposeCategory('payout', ['FR76 3000 6000 0112 3456 7890 189'])?.category).toBe('user.financial.bank-account');
    expect(proposeCategory('status', ['active', 'closed'])).toBeUndefined();
    // Numeric ids are not addresses, though some parsers read `7` as 0.0.0.7.
    expect(proposeCategory('id', ['7', '12345'])).toBeUndefined();
  });

  it('raises an alarm on full card numbers, whatever the column is called', () => {
    const p = proposeCategory('notes', ['4242 4242 4242 4242']);
    expect(p?.category).toBe('user.financial.card');
    expect(p?.alarm).toMatch(/FULL card numbers/);
    expect(isCardNumber('4242424242424241')).toBe(false);
    expect(isIban('FR7630006000011234567890188')).toBe(false);
  });
});

describe('dataset draft', () => {
  it('proposes a Redis index of another collection’s keys as its keyIndex, not as a collection', () => {
    const member = { name: 'member', dataType: 'string', nullable: false, primaryKey: false };
    const draft = draftDataset(
      [
        {
          name: 'session',
          key: 'session:*:*',
          type: 'hash',
          listedBy: 'customer_sessions:*',
          columns: [{ name: 'ip', dataType: 'string', nullable: false, primaryKey: false, samples: ['203.0.113.7'] }],
        },
        { name: 'customer_sessions', key: 'customer_sessions:*', type: 'set', lists: 'session:*:*', columns: [{ ...member, samples: [] }] },
      ],
      { name: 'cache', kind: 'redis', store: { env: 'CACHE_URL' } },
    );
    expect(draft.yaml).not.toContain('customer_sessions:\n');
    expect(draft.yaml).toMatch(
      /# the sets customer_sessions:\* list these keys\..*\n.*# keyIndex: 'customer_sessions:\{…\}'.*\n\s+key: session:\*:\*/,
    );
  });

  it('writes a dataset section with references, types and commented proposals', () => {
    const draft = draftDataset(
      [
        {
          name: 'customers',
          columns: [
            { name: 'id', dataType: 'INTEGER', nullable: false, primaryKey: true, samples: [1, 2] },
            { name: 'email', dataType: 'TEXT', nullable: false, primaryKey: false, samples: ['ada@example.com'] },
          ],
        },
        {
          name: 'orders',
          columns: [
            { name: 'id', dataType: 'INTEGER', nullable: false, primaryKey: true, samples: [] },
            {
              name: 'customer_id',
              dataType: 'INTEGER',
              nullable: false,
              primaryKey: false,
              references: { table: 'customers', column: 'id' },
              samples: [1],
            },
          ],
        },
      ],
      { name: 'shop', kind: 'sqlite', store: { file: 'shop.db' } },
    );
    expect(draft.yaml).toContain(
      '# proposed: the column name says "email"\n          email:\n            type: email\n            category: user.contact.email\n            required: true',
    );
    expect(draft.yaml).toContain('references: customers.id\n            link: belongs-to');
    expect(draft.yaml).toContain('primaryKey: id');
    // customers.id (the key of a table of people), customers.email, orders.customer_id (the customer a row belongs to).
    expect(draft.proposals).toBe(3);
    expect(draft.references).toBe(1);
    expect(draft.alarms).toEqual([]);
  });
});
