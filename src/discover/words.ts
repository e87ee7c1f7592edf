// Identifiers as words: `BillingPostalCode`, `billing_postal_code` and `billingPostalCode` all read billing · postal · code.

/** Lower-case words of an identifier: snake_case, kebab-case, camelCase, PascalCase and acronyms (`IPAddress`) split. */
export function wordsOf(identifier: string): readonly string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** A phrase written as words separated by spaces: `postal code`. */
export type Phrase = string;

/** True when `phrase` occurs in `words` as consecutive whole words. */
export function hasPhrase(words: readonly string[], phrase: Phrase): boolean {
  const wanted = phrase.split(' ');
  for (let start = 0; start + wanted.length <= words.length; start++) {
    if (wanted.every((word, i) => words[start + i] === word)) return true;
  }
  return false;
}

/** The first of `phrases` found in `words`, or undefined. */
export function findPhrase(words: readonly string[], phrases: readonly Phrase[]): Phrase | undefined {
  return phrases.find((phrase) => hasPhrase(words, phrase));
}

/** `customers` → `customer`, `categories` → `category`, `addresses` → `address`, `people` → `person`; `status` stays. */
export function singular(word: string): string {
  if (word === 'people') return 'person';
  if (word === 'staff' || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** Words of a table name, each singular: `media_types` → media · type, `InvoiceLines` → invoice · line. */
export function tableWords(name: string): readonly string[] {
  return wordsOf(name).map(singular);
}
