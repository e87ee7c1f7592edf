// Rules on what a field may hold given its class: forbidden categories, payment cards, secrets (CUS020–CUS023), the
// known violations a manifest declares while the data is removed (CUS053–CUS055), classes kept out of logs (CUS067),
// and minimisations the field's type can hold (CUS068).
import { fieldBreaches, holdsCardNumbers, type BreachKind } from '../breaches.js';
import type { CollectionModel, FieldModel, PolicyModel } from '../model.js';
import type { FieldType, Minimisation } from '../vocabulary.js';
import type { LintContext, LintRule } from './context.js';

const DECLARE_IT = 'if such data is already held, declare it with violation: { reason, found } while it is removed';

/** The error a breach is when the manifest does not declare it, as [code, message, key of the field it points at, fix]. */
function breachError(m: PolicyModel, f: FieldModel, kind: BreachKind, where: string) {
  switch (kind) {
    case 'security-code':
      return [
        'CUS023',
        `${where} stores a card security code, which is never kept after authorisation, even encrypted`,
        f.card === 'cvc' ? 'card' : 'category',
        `remove the field (${DECLARE_IT})`,
      ] as const;
    case 'forbidden':
      return [
        'CUS020',
        `${where} holds "${f.category}", a forbidden category that is never collected, stored or used`,
        'category',
        `remove the field, or re-class the category in taxonomy.categories if it is not what the name says (${DECLARE_IT})`,
      ] as const;
    case 'card-number':
      return [
        'CUS021',
        `${where} is declared to hold full card numbers`,
        'card',
        `keep only "bin-last4", or a processor "token" stored encrypted (${DECLARE_IT})`,
      ] as const;
    case 'possible-card-number':
      return [
        'CUS021',
        `${where} is a payment-card field that could hold a full card number`,
        'category',
        'declare card: bin, last4, bin-last4 or token',
      ] as const;
    case 'clear-token':
      return [
        'CUS021',
        `${where} holds a processor token that is not stored encrypted`,
        'protection',
        'set protection: encrypted',
      ] as const;
    case 'unprotected': {
      const allowed = f.class === undefined ? [] : m.handling[f.class].storage;
      return [
        'CUS022',
        `${where} is ${f.class}-class "${f.category}" but stored ${f.protection}`,
        f.protection === 'clear' ? 'category' : 'protection',
        `set protection: ${allowed.join(' or ')}`,
      ] as const;
    }
    default:
      return kind satisfies never;
  }
}

/** What the data is and how to end the violation, for the CUS053 warning. */
function remediation(m: PolicyModel, f: FieldModel, breaches: readonly BreachKind[]): { what: string; fix: string } {
  if (breaches.includes('security-code'))
    return {
      what: 'card security codes',
      fix: 'stop storing security codes (never kept after authorisation, even encrypted), purge the existing values, then remove the field',
    };
  if (breaches.includes('forbidden'))
    return { what: `"${f.category}", a forbidden category`, fix: 'stop collecting it, purge the existing values, then remove the field' };
  if (holdsCardNumbers(breaches))
    return {
      what: 'full card numbers',
      fix: 'stop storing full card numbers: keep only the first six and last four digits (card: bin-last4) or a processor token (card: token, protection: encrypted), purge the existing values, then remove the violation',
    };
  const allowed = f.class === undefined ? ['encrypted'] : m.handling[f.class].storage;
  return {
    what: `${f.class}-class values stored ${f.protection}`,
    fix: `encrypt or hash the existing values, set protection: ${breaches.includes('clear-token') ? 'encrypted' : allowed.join(' or ')}, then remove the violation`,
  };
}

/** Why an erasure would leave a declared violation in place, if it would. */
function keptByErasure(c: CollectionModel, f: FieldModel): { why: string; fix: string } | undefined {
  if (f.category === undefined)
    return { why: 'it has no category, and erasure masks only personal fields', fix: 'give it the category of what it holds' };
  if (f.strategy === 'keep' || f.strategy === 'hold')
    return { why: `its strategy ${f.strategy} keeps it`, fix: 'remove the strategy, or use null or fixed' };
  const rowsKept = c.onErase === 'mask' || [...c.fields.values()].some((g) => g.strategy === 'hold');
  if (f.required === true && rowsKept && f.strategy !== 'fixed' && f.strategy !== 'hash')
    return {
      why: 'its rows are kept and masked, but the store refuses NULL in it',
      fix: 'give it strategy: fixed with a value the column accepts',
    };
  return undefined;
}

function checkViolation(ctx: LintContext, c: CollectionModel, f: FieldModel, breaches: readonly BreachKind[]): void {
  const at = ['datasets', c.dataset, 'collections', c.name, 'fields', f.name];
  const where = `${c.qualifiedName}.${f.name}`;
  if (breaches.length === 0) {
    ctx.report(
      'CUS055',
      `${where} declares a violation, but it breaks no rule of its class: the access package would still say the data is being removed`,
      [...at, 'violation'],
      'remove the violation block now that the data is remediated',
    );
    return;
  }
  const { what, fix } = remediation(ctx.model, f, breaches);
  ctx.report(
    'CUS053',
    `${where} holds ${what}: a known violation, found ${f.violation?.found}; the access package states it without the values, and erasure removes it`,
    [...at, 'violation'],
    fix,
  );
  const kept = keptByErasure(c, f);
  if (kept) {
    ctx.report('CUS054', `${where} holds ${what} that an erasure would leave in place: ${kept.why}`, [...at, 'violation'], kept.fix);
  }
}

export const checkFieldClasses: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    for (const f of c.fields.values()) {
      const breaches = fieldBreaches(m, f);
      if (f.violation) {
        checkViolation(ctx, c, f, breaches);
        continue;
      }
      for (const kind of breaches) {
        const [code, message, key, fix] = breachError(m, f, kind, `${c.qualifiedName}.${f.name}`);
        ctx.report(code, message, ['datasets', c.dataset, 'collections', c.name, 'fields', f.name, key], fix);
      }
    }
  }
};

/** A collection of log entries: it holds a field of a `system.log.*` category (connection, application or event logs). */
function holdsLogs(c: CollectionModel): boolean {
  return [...c.fields.values()].some((f) => f.category?.startsWith('system.log.') === true);
}

export const checkLoggableClasses: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    if (!holdsLogs(c)) continue;
    for (const f of c.fields.values()) {
      // Forbidden data and declared violations have their own diagnostics (CUS020–CUS023, CUS053).
      if (f.class === undefined || f.class === 'forbidden' || f.violation || m.handling[f.class].loggable) continue;
      ctx.report(
        'CUS067',
        `${c.qualifiedName} holds log entries, and its field ${f.name} is "${f.category}", of the ${f.class} class, which taxonomy.handling.${f.class} declares not loggable`,
        ['datasets', c.dataset, 'collections', c.name, 'fields', f.name, 'category'],
        `stop writing it to the log, or set taxonomy.handling.${f.class}.loggable: true if the class may be logged`,
      );
    }
  }
};

/** The declared types each minimisation can be applied to (a field with no declared type is not checked). */
const MINIMISABLE: Readonly<Record<Minimisation, readonly FieldType[]>> = {
  'truncate-ip': ['ip', 'string'],
  // A keyed pseudonym is text.
  pseudonymise: ['string', 'email', 'phone', 'ip'],
  generalise: ['string', 'email', 'phone', 'integer', 'number', 'date', 'datetime', 'ip', 'json'],
};

export const checkMinimisation: LintRule = (ctx) => {
  for (const c of ctx.model.index.collections.values()) {
    for (const f of c.fields.values()) {
      if (f.minimise === undefined || f.type === undefined || MINIMISABLE[f.minimise].includes(f.type)) continue;
      ctx.report(
        'CUS068',
        `${c.qualifiedName}.${f.name} is declared minimised by ${f.minimise}, which a ${f.type} field cannot hold`,
        ['datasets', c.dataset, 'collections', c.name, 'fields', f.name, 'minimise'],
        `use it on a field of type ${MINIMISABLE[f.minimise].join(', ')}, or remove minimise`,
      );
    }
  }
};
