import { describe, expect, it } from 'vitest';
import type { CollectionPreview } from '../../desk/index.js';
import { whatHappens } from './plan-words.js';
import { codeWordsFor } from './words/index.js';

const fr = codeWordsFor('fr');
const collection = (actions: string[]): CollectionPreview => ({ collection: 'c', dataset: 'd', rows: 1, actions, fields: [] });

describe('a plan in the page language', () => {
  it('says the erasure steps the desk writes in French', () => {
    const lines = whatHappens(
      fr,
      'erase',
      collection([
        'delete rows of billing.sessions',
        'set billing.orders.customer_id to null (the customer is deleted)',
        'keep rows of billing.invoices under invoices-10y; email: null',
      ]),
    );
    expect(lines).toEqual([
      { text: fr.erasure.delete, english: false },
      { text: fr.erasure.unlink('customer_id'), english: false },
      { text: fr.erasure.keep('invoices-10y'), english: false },
    ]);
  });

  it('says what a copy does from the operation, and marks a sentence it does not know as English', () => {
    expect(whatHappens(fr, 'access', collection(['copied into the access package']))).toEqual([{ text: fr.copies.access, english: false }]);
    expect(whatHappens(fr, 'erase', collection(['left as it is']))).toEqual([{ text: fr.erasure.untouched, english: false }]);
    const odd = whatHappens(fr, 'erase', collection(['delete rows of a.b', 'something new']));
    expect(odd[1]).toEqual({ text: 'something new', english: true });
  });
});
