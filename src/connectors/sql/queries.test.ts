// Splitting IN-lists and OR groups that exceed a client's parameter budget into statements with the same meaning.
import { describe, expect, it } from 'vitest';
import { splitGroups, splitTerms } from './queries.js';

describe('splitTerms', () => {
  it('keeps a selection within budget as one statement', () => {
    const terms = [{ field: 'id', values: [1, 2, 3] }];
    expect(splitTerms(terms, 10)).toEqual([terms]);
  });

  it('cuts the longest list and repeats the others', () => {
    const status = { field: 'status', values: ['a', 'b'] };
    const parts = splitTerms([status, { field: 'id', values: [1, 2, 3, 4, 5, 6, 7] }], 5);
    expect(parts).toEqual([
      [status, { field: 'id', values: [1, 2, 3] }],
      [status, { field: 'id', values: [4, 5, 6] }],
      [status, { field: 'id', values: [7] }],
    ]);
  });

  it('refuses when the other lists alone exceed the budget', () => {
    expect(() =>
      splitTerms(
        [
          { field: 'a', values: [1, 2, 3] },
          { field: 'b', values: [1, 2, 3, 4] },
        ],
        3,
      ),
    ).toThrow(/more than the store accepts/);
  });
});

describe('splitGroups', () => {
  const id = (...values: number[]) => [{ field: 'id', values }];
  const email = (...values: string[]) => [{ field: 'email', values }];

  it('keeps an OR within budget as one statement', () => {
    const groups = [id(1, 2), email('a')];
    expect(splitGroups(groups, 3)).toEqual([groups]);
  });

  it('packs groups into statements while they fit, and cuts a group over the budget on its own', () => {
    expect(splitGroups([id(1, 2), email('a'), id(3, 4, 5, 6, 7), email('b', 'c')], 3)).toEqual([
      [id(3, 4, 5)],
      [id(6, 7)],
      [id(1, 2), email('a')],
      [email('b', 'c')],
    ]);
  });
});
