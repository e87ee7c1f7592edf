import { describe, expect, it } from 'vitest';
import { proposeCategory } from './detectors.js';
import { singular, wordsOf } from './words.js';

describe('column names as words', () => {
  it('splits snake_case, camelCase, PascalCase, acronyms and digits', () => {
    expect(wordsOf('BillingPostalCode')).toEqual(['billing', 'postal', 'code']);
    expect(wordsOf('billing_postal_code')).toEqual(['billing', 'postal', 'code']);
    expect(wordsOf('billingPostalCode')).toEqual(['billing', 'postal', 'code']);
    expect(wordsOf('IPAddress')).toEqual(['ip', 'address']);
    expect(wordsOf('SupportRepId')).toEqual(['support', 'rep', 'id']);
    expect(wordsOf('address2')).toEqual(['address', '2']);
    expect(singular('categories')).toBe('category');
    expect(singular('addresses')).toBe('address');
    expect(singular('status')).toBe('status');
  });

  it('matches whole words only: no os in closed, no pan in Company, no ip in shipping', () => {
    expect(proposeCategory('closed', [])).toBeUndefined();
    expect(proposeCategory('Company', [])?.category).toBe('user.identity.company');
    expect(proposeCategory('shipping_method', [])).toBeUndefined();
    expect(proposeCategory('description', [])).toBeUndefined();
    expect(proposeCategory('Composer', [])).toBeUndefined();
    expect(proposeCategory('combined', [])).toBeUndefined();
    expect(proposeCategory('os', [])?.category).toBe('system.device.browser');
    expect(proposeCategory('card_pan', [])?.category).toBe('user.financial.card');
    expect(proposeCategory('LastLoginIp', [])?.category).toBe('system.network.ip');
    expect(proposeCategory('e_mail', [])?.category).toBe('user.contact.email');
  });

  it('reads keys, dates and flags for what they are', () => {
    // A key to the address table is not an address; a login time is not a handle; a flag about an e-mail holds none.
    expect(proposeCategory('address_id', [])).toBeUndefined();
    expect(proposeCategory('login_attempted_at', [], { dataType: 'timestamp' })).toBeUndefined();
    expect(proposeCategory('email_verified', [], { dataType: 'boolean' })).toBeUndefined();
    expect(proposeCategory('customer_id', [])?.category).toBe('user.account.id');
    expect(proposeCategory('session_id', [])?.category).toBe('user.auth.session');
    expect(proposeCategory('HireDate', [], { dataType: 'DATETIME' })?.category).toBe('user.identity.company');
    expect(proposeCategory('last_login_at', [], { dataType: 'datetime' })?.category).toBe('system.log.connection');
    expect(proposeCategory('last_login_ip', [])?.category).toBe('system.network.ip');
    // The address a message comes from is an e-mail address, not a postal one.
    expect(proposeCategory('from_address', [])?.category).toBe('user.contact.email');
  });

  it('recognises address parts, fax, photos, job titles and birth dates', () => {
    expect(proposeCategory('state', [], { besideAddress: true })?.scope).toBe('person');
    expect(proposeCategory('state', [])?.scope).toBe('people');
    expect(proposeCategory('Fax', [])?.category).toBe('user.contact.phone');
    expect(proposeCategory('avatar_url', [])?.category).toBe('user.account.settings');
    expect(proposeCategory('job_title', [])?.category).toBe('user.identity.company');
    expect(proposeCategory('title', ['Mr', 'Ms'])?.category).toBe('user.identity.civility');
    expect(proposeCategory('title', ['Sales Manager'])?.category).toBe('user.identity.company');
    expect(proposeCategory('date_of_birth', [], { dataType: 'date' })?.category).toBe('user.identity.birthdate');
    expect(proposeCategory('PostalCode', [])?.category).toBe('user.contact.address');
    expect(proposeCategory('name', [])?.scope).toBe('people');
  });
});
