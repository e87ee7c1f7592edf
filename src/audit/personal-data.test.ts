// The personal-data guard: e-mail addresses and phone numbers are recognised, ids, dates and counts are not.
import { describe, expect, it } from 'vitest';
import { personalDataLook } from './personal-data.js';

describe('personalDataLook', () => {
  it('recognises e-mail addresses, alone or inside a text', () => {
    expect(personalDataLook('ada@example.com')).toBe('an e-mail address');
    expect(personalDataLook('sent to Ada.Lovelace+notes@mail.example.org today')).toBe('an e-mail address');
  });

  it('recognises phone numbers written the usual ways', () => {
    for (const phone of [
      '+33 6 12 34 56 78',
      '+33612345678',
      '06 12 34 56 78',
      '06.12.34.56.78',
      '(555) 123-4567',
      '555-123-4567',
      '+1-555-123-4567',
    ])
      expect(personalDataLook(phone), phone).toBe('a phone number');
  });

  it('lets ids, instants, dates and counts through', () => {
    for (const id of [
      'req_01HZX3K9Q2',
      '123e4567-e89b-12d3-a456-426614174000',
      '12345678-1234-1234-1234-123456789012',
      '2026-11-23T10:15:00.000Z',
      '2026-11-23',
      '1700000000123',
      'sha256:9f86d081884c7d65',
      'v1.2.3',
      '@handle',
    ])
      expect(personalDataLook(id), id).toBeUndefined();
  });
});
