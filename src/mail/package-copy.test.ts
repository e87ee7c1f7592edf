// A message's copy for the access package: written as it was, in its language; codes and links as the package's marker.
import { describe, expect, it } from 'vitest';
import { renderMessageCopy } from './package-copy.js';
import { messageParams } from './params.js';

const RENDER = { organizationName: 'Example Hosting', privacyCenterUrl: 'https://privacy.example.test' };
const MARKERS = { removed: '[supprimé une fois remis]', unreadable: '[illisible]' };

describe('renderMessageCopy', () => {
  it('shows a code as the marker, whether the outbox still holds it or forgot it once sent', () => {
    const params = messageParams('verification-code', { requestId: 'req_1', code: 'K7Q2ZX', validMinutes: 10 });
    const queued = renderMessageCopy({ template: 'verification-code', language: 'en', params }, RENDER, MARKERS);
    const { code: _forgotten, ...kept } = params;
    const sent = renderMessageCopy({ template: 'verification-code', language: 'en', params: kept }, RENDER, MARKERS);
    for (const copy of [queued, sent]) {
      expect(copy).toMatchObject({ subject: 'Your verification code for request req_1', language: 'en', removed: 1 });
      expect(copy.text).toContain('Verification code: [supprimé une fois remis]');
      expect(copy.text).not.toContain('K7Q2ZX');
      expect(copy.text).toContain('The code is valid for 10 minutes.');
    }
  });

  it('shows a forgotten download link as the marker, and a completion that had none as it was', () => {
    const withLink = messageParams('completed', {
      requestId: 'req_2',
      kind: 'access',
      downloadUrl: 'https://privacy.example.test/download/tok',
      downloadExpiresAt: '2028-03-01T12:00:00Z',
    });
    const { downloadUrl: _gone, ...forgotten } = withLink;
    const linkCopy = renderMessageCopy({ template: 'completed', language: 'fr-CA', params: forgotten }, RENDER, MARKERS);
    expect(linkCopy.removed).toBe(1);
    expect(linkCopy.text).toContain('[supprimé une fois remis]');
    expect(linkCopy.text).toContain('renseignements personnels');
    const none = messageParams('completed', { requestId: 'req_3', kind: 'erasure' });
    const plain = renderMessageCopy({ template: 'completed', language: 'en', params: none }, RENDER, MARKERS);
    expect(plain.removed).toBe(0);
    expect(plain.text).not.toContain('[supprimé');
  });

  it('keeps a message whose params no longer fill its template with a note instead of failing the package', () => {
    const copy = renderMessageCopy({ template: 'received', language: 'en', params: { requestId: 'req_4' } }, RENDER, MARKERS);
    expect(copy).toEqual({ subject: 'received', text: '[illisible]\n', language: undefined, removed: 0 });
  });
});
