// Categories proposed from a column's name, matched word by word (no `os` in `closed`, no `pan` in `Company`).
import type { FieldType } from '../policy/index.js';
import type { Phrase } from './words.js';

/**
 * Where a category may be proposed. `any`: wherever the name says so. `person`: on a person's rows only (a table that
 * looks like people, or one a request reaches from one): an address on a `locations` lookup is an office's. `people`: only
 * on a table that itself looks like people (it holds an e-mail, a phone, a first or last name, or is named after people):
 * `name` on `genres` is a genre's.
 */
export type RuleScope = 'any' | 'person' | 'people';

export interface NameRule {
  readonly phrases: readonly Phrase[];
  readonly category: string;
  /** Refines a text column only: the store's own type is kept otherwise. */
  readonly type?: FieldType;
  readonly scope: RuleScope;
  /** Also applies to a date or time column (a birth date, a hire date); other rules skip them. */
  readonly onDates?: boolean;
  /** Also applies to a key column (`session_id`, `device_id`); other rules skip names ending in `id` (`address_id`). */
  readonly onKeys?: boolean;
  /** Added to the reason shown in the draft. */
  readonly note?: string;
  /** A table holding such a column holds people (an e-mail, a first or last name; not a ship-to name on an order). */
  readonly marksPeople?: boolean;
}

/** Words that, next to another address column, are part of an address (alone, a `state` may be an order's state). */
export const ADDRESS_PARTS: readonly Phrase[] = ['country', 'country code', 'region', 'state', 'province', 'district', 'county'];
/** Words naming an address column on their own. */
export const ADDRESS_WORDS: readonly Phrase[] = [
  'address',
  'street',
  'city',
  'town',
  'zip',
  'zipcode',
  'zip code',
  'postcode',
  'post code',
  'postal code',
  'postal',
];

/** First match wins: specific phrases come before the general ones they contain (`backup email` before `email`). */
export const NAME_RULES: readonly NameRule[] = [
  {
    phrases: ['cvv', 'cvc', 'card security code', 'security code'],
    category: 'user.financial.card-security-code',
    type: 'string',
    scope: 'any',
  },
  { phrases: ['card token', 'payment token', 'payment method token'], category: 'user.financial.card-token', type: 'string', scope: 'any' },
  { phrases: ['password', 'passwd', 'pwd', 'password hash'], category: 'user.auth.password', type: 'string', scope: 'any' },
  {
    phrases: ['mfa seed', 'mfa secret', 'totp secret', 'totp seed', 'otp secret', 'otp seed', 'totp'],
    category: 'user.auth.mfa-seed',
    type: 'string',
    scope: 'any',
  },
  { phrases: ['session'], category: 'user.auth.session', type: 'string', scope: 'any', onKeys: true },
  {
    phrases: ['api key', 'api token', 'api secret', 'access token', 'refresh token', 'client secret', 'token', 'secret'],
    category: 'user.auth.api-token',
    type: 'string',
    scope: 'any',
  },
  {
    phrases: ['backup email', 'secondary email', 'recovery email', 'alternate email'],
    category: 'user.contact.email-backup',
    type: 'email',
    scope: 'any',
  },
  {
    phrases: ['from address', 'to address', 'sender address', 'recipient address', 'reply to'],
    category: 'user.contact.email',
    type: 'string',
    scope: 'any',
    note: 'the address a message is sent from or to',
  },
  { phrases: ['email', 'e mail', 'mail'], category: 'user.contact.email', type: 'email', scope: 'any', marksPeople: true },
  { phrases: ['phone', 'telephone', 'tel', 'mobile', 'cellphone', 'msisdn'], category: 'user.contact.phone', type: 'phone', scope: 'any' },
  { phrases: ['fax'], category: 'user.contact.phone', type: 'phone', scope: 'any', note: 'a fax number' },
  { phrases: ['extension', 'phone extension'], category: 'user.contact.phone', type: 'string', scope: 'people', note: 'a phone extension' },
  {
    phrases: ['device id', 'mac address', 'imei', 'udid', 'advertising id'],
    category: 'system.device.id',
    type: 'string',
    scope: 'any',
    onKeys: true,
  },
  { phrases: ['ip', 'remote addr', 'remote address'], category: 'system.network.ip', type: 'ip', scope: 'any' },
  {
    phrases: ['user agent', 'browser', 'os', 'operating system', 'screen', 'device'],
    category: 'system.device.browser',
    type: 'string',
    scope: 'any',
  },
  { phrases: ['iban', 'bank account'], category: 'user.financial.bank-account', type: 'string', scope: 'any' },
  { phrases: ['card number', 'pan', 'last 4', 'last4', 'bin', 'card'], category: 'user.financial.card', type: 'string', scope: 'any' },
  {
    phrases: ['last login', 'last sign in', 'current sign in', 'last seen', 'last active', 'last activity'],
    category: 'system.log.connection',
    scope: 'any',
    onDates: true,
  },
  { phrases: ['birth', 'birthdate', 'birthday', 'dob'], category: 'user.identity.birthdate', type: 'date', scope: 'person', onDates: true },
  {
    phrases: ['username', 'user name', 'login', 'handle', 'nickname', 'screen name'],
    category: 'user.account.handle',
    type: 'string',
    scope: 'any',
  },
  {
    phrases: [
      'first name',
      'last name',
      'full name',
      'given name',
      'family name',
      'middle name',
      'surname',
      'firstname',
      'lastname',
      'fullname',
      'forename',
    ],
    category: 'user.identity.name',
    type: 'string',
    scope: 'person',
    marksPeople: true,
  },
  {
    phrases: ['ship name', 'shipping name', 'ship to name', 'billing name', 'delivery name', 'recipient name'],
    category: 'user.identity.name',
    type: 'string',
    scope: 'person',
    note: 'the name of whom the row is sent or billed to',
  },
  {
    phrases: ['salutation', 'civility', 'honorific', 'title of courtesy', 'courtesy title'],
    category: 'user.identity.civility',
    type: 'string',
    scope: 'person',
  },
  { phrases: ['company', 'employer', 'job title', 'occupation'], category: 'user.identity.company', type: 'string', scope: 'person' },
  {
    phrases: ['hire date', 'hired', 'hire'],
    category: 'user.identity.company',
    scope: 'person',
    onDates: true,
    note: 'when the person was hired',
  },
  {
    phrases: ['locale', 'language', 'timezone', 'time zone', 'preferences', 'settings'],
    category: 'user.account.settings',
    type: 'string',
    scope: 'person',
  },
  {
    phrases: ['photo', 'picture', 'avatar', 'portrait', 'headshot', 'profile image'],
    category: 'user.account.settings',
    scope: 'person',
    note: 'a picture of the person; the default taxonomy has no photo category and the profile (account settings) is the closest: give it a category of its own if it identifies the person',
  },
  { phrases: ADDRESS_WORDS, category: 'user.contact.address', type: 'string', scope: 'person' },
];

/** A bare `name`, or `contact_name`: a person's name only on a table that looks like people (the whole column name). */
export const BARE_NAME: readonly Phrase[] = ['name', 'contact name', 'customer name', 'person name'];
/** A bare `title`, or `contact_title`: a civility or a job title on a table that looks like people (the whole column name). */
export const BARE_TITLE: readonly Phrase[] = ['title', 'contact title', 'person title'];

/** Civility titles, to tell `title` (Mr, Ms) from a job title (Sales Manager). */
export const CIVILITIES = /^(mr|mrs|ms|miss|mx|dr|prof|sir|mme|mlle|m)\.?$/i;
