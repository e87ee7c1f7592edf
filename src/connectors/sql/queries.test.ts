// Splitting IN-lists that exceed a client's parameter budget into statements with the same meaning.
import { describe, expect, it } from 'vitest';
import { splitTerms } from './queries.js';

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
