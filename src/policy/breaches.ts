// What a field may not hold given its class (K1.2–K1.4): one definition read by the linter and by the access export.
import type { FieldModel, PolicyModel } from './model.js';
import { SAFE_CARD_FORMS } from './vocabulary.js';

export const CARD_SECURITY_CODE = 'user.financial.card-security-code';
export const CARD_TOKEN = 'user.financial.card-token';

/**
 * The ways a field can break the rules of its class. `card-number`: declared `card: pan`; `possible-card-number`: a
 * payment-card field with no safe form declared; `clear-token`: a processor token not stored encrypted; `unprotected`:
 * a protection its class does not allow (a password in clear).
 */
export const BREACH_KINDS = ['security-code', 'forbidden', 'card-number', 'possible-card-number', 'clear-token', 'unprotected'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** The breaches of one field, most serious first; empty for a field its class allows. */
export function fieldBreaches(model: PolicyModel, field: FieldModel): BreachKind[] {
  // A security code or a forbidden category is never held at all: nothing else about the field matters.
  if (field.card === 'cvc' || field.category === CARD_SECURITY_CODE) return ['security-code'];
  if (field.class === 'forbidden') return ['forbidden'];
  const out: BreachKind[] = [];
  if (field.card !== undefined && !SAFE_CARD_FORMS.includes(field.card)) out.push('card-number');
  else if (field.class === 'special' && field.card === undefined && field.category !== CARD_TOKEN) out.push('possible-card-number');
  else if ((field.card === 'token' || field.category === CARD_TOKEN) && field.protection !== 'encrypted') out.push('clear-token');
  if (field.class !== undefined && !model.handling[field.class].storage.includes(field.protection)) out.push('unprotected');
  return out;
}

/** True when the field may hold full card numbers (declared so, or a card field with no safe form). */
export function holdsCardNumbers(breaches: readonly BreachKind[]): boolean {
  return breaches.includes('card-number') || breaches.includes('possible-card-number');
}
