// Rules on what a field may hold given its class: forbidden categories, payment cards, secrets (CUS020–CUS023).
import { SAFE_CARD_FORMS } from '../vocabulary.js';
import type { LintRule } from './context.js';

const CARD_SECURITY_CODE = 'user.financial.card-security-code';
const CARD_TOKEN = 'user.financial.card-token';

export const checkFieldClasses: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    for (const f of c.fields.values()) {
      const at = ['datasets', c.dataset, 'collections', c.name, 'fields', f.name];
      const where = `${c.qualifiedName}.${f.name}`;
      if (f.card === 'cvc' || f.category === CARD_SECURITY_CODE) {
        ctx.report(
          'CUS023',
          `${where} stores a card security code, which is never kept after authorisation, even encrypted`,
          [...at, f.card === 'cvc' ? 'card' : 'category'],
          'remove the field',
        );
        continue;
      }
      if (f.class === 'forbidden') {
        ctx.report(
          'CUS020',
          `${where} holds "${f.category}", a forbidden category that is never collected, stored or used`,
          [...at, 'category'],
          'remove the field, or re-class the category in taxonomy.categories if it is not what the name says',
        );
        continue;
      }
      if (f.card !== undefined && !SAFE_CARD_FORMS.includes(f.card)) {
        ctx.report(
          'CUS021',
          `${where} is declared to hold full card numbers`,
          [...at, 'card'],
          'keep only "bin-last4", or a processor "token" stored encrypted',
        );
      } else if (f.class === 'special' && f.card === undefined && f.category !== CARD_TOKEN) {
        ctx.report(
          'CUS021',
          `${where} is a payment-card field that could hold a full card number`,
          [...at, 'category'],
          'declare card: bin, last4, bin-last4 or token',
        );
      } else if ((f.card === 'token' || f.category === CARD_TOKEN) && f.protection !== 'encrypted') {
        ctx.report(
          'CUS021',
          `${where} holds a processor token that is not stored encrypted`,
          [...at, 'protection'],
          'set protection: encrypted',
        );
      }
      if (f.class === undefined) continue;
      const allowed = m.handling[f.class].storage;
      if (!allowed.includes(f.protection)) {
        ctx.report(
          'CUS022',
          `${where} is ${f.class}-class "${f.category}" but stored ${f.protection}`,
          [...at, f.protection === 'clear' ? 'category' : 'protection'],
          `set protection: ${allowed.join(' or ')}`,
        );
      }
    }
  }
};
