// Outbox emails as text: which fields are the subject, date and body, and the fallback when none is recognisable.
import { describe, expect, it } from 'vitest';
import type { FieldModel } from '../../policy/index.js';
import { emailFields, emailText } from './outbox.js';

const field = (name: string, extra: Partial<FieldModel> = {}): FieldModel => ({
  name,
  dataset: 'mail',
  collection: 'sent',
  protection: 'clear',
  provided: false,
  ...extra,
});

describe('outbox emails', () => {
  it('recognises subject, date, recipient and body by name before type or category', () => {
    const fields = [
      field('id', { type: 'integer' }),
      field('updated_at', { type: 'datetime' }),
      field('sent_at', { type: 'datetime' }),
      field('recipient', { type: 'email' }),
      field('title'),
      field('content', { category: 'user.communication.notification' }),
    ];
    expect(emailFields(fields)).toEqual({ subject: 'title', date: 'sent_at', to: 'recipient', body: 'content' });
    const values = {
      id: 1,
      updated_at: '2026-01-02',
      sent_at: '2026-01-01T10:00:00Z',
      recipient: 'ada@example.com',
      title: 'Hi',
      content: 'Body',
    };
    expect(emailText(fields, emailFields(fields), values, 'en')).toBe(
      'Subject: Hi\nDate: 2026-01-01T10:00:00Z\nTo: ada@example.com\n\nBody\n',
    );
    expect(emailText(fields, emailFields(fields), values, 'fr')).toBe(
      'Objet\u00a0: Hi\nDate\u00a0: 2026-01-01T10:00:00Z\nÀ\u00a0: ada@example.com\n\nBody\n',
    );
  });

  it('prints every field when neither a subject nor a body can be recognised', () => {
    const fields = [field('id'), field('kind'), field('payload_ref')];
    const which = emailFields(fields);
    expect(emailText(fields, which, { id: 7, kind: 'welcome', payload_ref: null }, 'en')).toBe('id: 7\nkind: welcome\npayload_ref: \n');
  });
});
