// Precision and recall of a dataset draft against a labelled schema: categories per column, references with their link.
import { parse } from 'yaml';
import type { SchemaLabels } from './schemas.js';

export interface Figures {
  readonly proposed: number;
  readonly correct: number;
  readonly expected: number;
}

export interface DraftScore {
  readonly categories: Figures;
  /** Every reference with its link (undeclared read as association, as the compiler reads it). */
  readonly references: Figures;
  /** Only the links a request walks (belongs-to, owns): the ones that decide whose rows a request reaches. */
  readonly walked: Figures;
  /** `table.column: got X, expected Y`, for the test output. */
  readonly mistakes: readonly string[];
}

interface DraftField {
  readonly category?: string;
  readonly references?: string;
  readonly link?: string;
}

export function scoreDraft(yaml: string, labels: SchemaLabels): DraftScore {
  const doc = parse(yaml) as { datasets: Record<string, { collections: Record<string, { fields: Record<string, DraftField> }> }> };
  const [dataset] = Object.values(doc.datasets);
  const mistakes: string[] = [];
  const categories = { proposed: 0, correct: 0, expected: Object.keys(labels.categories).length };
  const references = { proposed: 0, correct: 0, expected: Object.keys(labels.references).length };
  const walkedExpected = Object.values(labels.references).filter(([, link]) => link !== 'association').length;
  const walked = { proposed: 0, correct: 0, expected: walkedExpected };
  const seen = new Set<string>();
  for (const [table, collection] of Object.entries(dataset?.collections ?? {})) {
    for (const [column, field] of Object.entries(collection.fields ?? {})) {
      const key = `${table}.${column}`;
      seen.add(key);
      const wanted = labels.categories[key];
      if (field.category !== undefined) {
        categories.proposed++;
        if (field.category === wanted) categories.correct++;
        else mistakes.push(`${key}: category ${field.category}, expected ${wanted ?? 'none'}`);
      } else if (wanted !== undefined) mistakes.push(`${key}: no category, expected ${wanted}`);
      const label = labels.references[key];
      if (field.references !== undefined) {
        const link = field.link ?? 'association';
        references.proposed++;
        if (link !== 'association') walked.proposed++;
        const right = label !== undefined && label[0] === field.references && label[1] === link;
        if (right) {
          references.correct++;
          if (link !== 'association') walked.correct++;
        } else mistakes.push(`${key}: references ${field.references} (${link}), expected ${label ? `${label[0]} (${label[1]})` : 'none'}`);
      } else if (label !== undefined) mistakes.push(`${key}: no reference, expected ${label[0]} (${label[1]})`);
    }
  }
  for (const key of [...Object.keys(labels.categories), ...Object.keys(labels.references)])
    if (!seen.has(key)) mistakes.push(`${key}: column missing from the draft`);
  return { categories, references, walked, mistakes };
}

export function precision(f: Figures): number {
  return f.proposed === 0 ? 0 : f.correct / f.proposed;
}

export function recall(f: Figures): number {
  return f.expected === 0 ? 1 : f.correct / f.expected;
}

/** `P 0.94 (31/33) R 0.91 (31/34)`. */
export function describeFigures(f: Figures): string {
  return `P ${precision(f).toFixed(2)} (${f.correct}/${f.proposed}) R ${recall(f).toFixed(2)} (${f.correct}/${f.expected})`;
}

/** Sums figures over several drafts (micro-average). */
export function sumFigures(list: readonly Figures[]): Figures {
  return list.reduce((a, b) => ({ proposed: a.proposed + b.proposed, correct: a.correct + b.correct, expected: a.expected + b.expected }), {
    proposed: 0,
    correct: 0,
    expected: 0,
  });
}
