import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CustosError } from '../../errors.js';
import { refusalOf, safeNext, signInPath } from './guard.js';

const get = (url: string) => ({ method: 'GET', url }) as FastifyRequest;
const post = (url: string) => ({ method: 'POST', url }) as FastifyRequest;

describe('the console guard', () => {
  it('comes back only to a console path after signing in: never another site', () => {
    expect(safeNext('/console/requests?kind=access')).toBe('/console/requests?kind=access');
    expect(safeNext('/console')).toBe('/console');
    for (const bad of [
      'https://evil.example/console',
      '//evil.example/console',
      '/console//evil.example',
      '/consoleevil',
      '/privacy',
      '/console\\x',
      42,
    ])
      expect(safeNext(bad), String(bad)).toBeUndefined();
    expect(signInPath('//evil.example')).toBe('/console/sign-in');
  });

  it('sends an anonymous or expired GET to sign-in with the page to come back to, and says why the session ended', () => {
    const expired = new CustosError({ code: 'unauthorized', message: 'ended', details: { expired: 'idle' } });
    expect(refusalOf(expired, get('/console/requests/r1'))).toEqual({
      kind: 'sign-in',
      location: '/console/sign-in?next=%2Fconsole%2Frequests%2Fr1&ended=idle',
    });
    // A refused post is not replayed: its form's token would be stale.
    expect(refusalOf(new CustosError({ code: 'unauthorized', message: 'sign in' }), post('/console/requests/r1/approve'))).toEqual({
      kind: 'sign-in',
      location: '/console/sign-in',
    });
  });

  it('sends a session still to enrol to enrolment, and answers a missing permission or CSRF token with a 403 page', () => {
    const enrol = new CustosError({ code: 'forbidden', message: 'enrol', details: { next: 'totp-enrolment' } });
    expect(refusalOf(enrol, get('/console/requests'))).toEqual({ kind: 'enrol', location: '/console/totp' });
    const role = new CustosError({ code: 'forbidden', message: 'role', details: { role: 'analyst', requires: 'requests:approve' } });
    expect(refusalOf(role, post('/console/requests/r1/approve'))).toEqual({ kind: 'forbidden' });
    expect(refusalOf(Object.assign(new Error('csrf'), { code: 'FST_CSRF_INVALID_TOKEN' }), post('/console/x'))).toEqual({ kind: 'csrf' });
    expect(refusalOf(new CustosError({ code: 'conflict', message: 'busy' }), post('/console/x'))).toBeUndefined();
    expect(refusalOf(new Error('boom'), get('/console'))).toBeUndefined();
  });
});
