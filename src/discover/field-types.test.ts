import { describe, expect, it } from 'vitest';
import { fieldTypeOf } from './field-types.js';

describe('field types from store types', () => {
  it('keeps integers, numbers, dates, timestamps, flags and text as the store declares them', () => {
    const cases: Record<string, string> = {
      INTEGER: 'integer',
      'int(11)': 'integer',
      'smallint unsigned': 'integer',
      bigint: 'integer',
      'UNSIGNED BIG INT': 'integer',
      'NUMERIC(10,2)': 'number',
      'decimal(5,2)': 'number',
      'double precision': 'number',
      DATETIME: 'datetime',
      'timestamp without time zone': 'datetime',
      date: 'date',
      BOOLEAN: 'boolean',
      'tinyint(1)': 'boolean',
      'NVARCHAR(40)': 'string',
      'character varying(45)': 'string',
      jsonb: 'json',
      inet: 'ip',
      // Words that hold "int" without being integers.
      point: 'string',
      interval: 'string',
    };
    for (const [type, expected] of Object.entries(cases)) expect(fieldTypeOf(type), type).toBe(expected);
  });
});
