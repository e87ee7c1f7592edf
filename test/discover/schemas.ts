// Labelled schemas shaped like public sample databases: their shape, their labels, and the spelling helpers they share.
export type ColumnKind = 'int' | 'text' | 'code' | 'date' | 'datetime' | 'money' | 'bool' | 'blob';

export interface TableSpec {
  readonly name: string;
  /** `name kind` with ` pk` / ` null` flags; columns are NOT NULL unless flagged ` null`. */
  readonly columns: readonly string[];
  /** column → `table.column`, declared as a foreign key where the variant declares them. */
  readonly references?: Readonly<Record<string, string>>;
  readonly rows: readonly (readonly unknown[])[];
}

/** What a privacy engineer would write: the category of each personal column, and each reference with its link. */
export interface SchemaLabels {
  readonly categories: Readonly<Record<string, string>>;
  readonly references: Readonly<Record<string, readonly [target: string, link: 'belongs-to' | 'owns' | 'association']>>;
}

export interface LabelledSchema {
  readonly name: string;
  readonly tables: readonly TableSpec[];
  readonly labels: SchemaLabels;
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
export const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
export const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kenji', 'Lena'];
export const LAST = ['Lovelace', 'Martin', 'Nguyen', 'Okafor', 'Petit', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Urban', 'Vidal', 'Weber'];
export const CITIES = ['Paris', 'Lyon', 'Lille', 'Nantes'];
export const HASH = (i: number) => `${'8cb2237d0679ca88db6464eac60da963455139'}${String(i).padStart(2, '0')}`;

/** `InvoiceLine` → `invoice_line`, `SupportRepId` → `support_rep_id`: the same schema as PostgreSQL ports spell it. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The schema with every table and column name in snake_case (labels too). */
export function inSnakeCase(schema: LabelledSchema): LabelledSchema {
  const qualified = (q: string) => q.split('.').map(snakeCase).join('.');
  return {
    name: schema.name,
    tables: schema.tables.map((t) => ({
      name: snakeCase(t.name),
      columns: t.columns.map((c) => {
        const [name, ...rest] = c.split(' ');
        return [snakeCase(name!), ...rest].join(' ');
      }),
      references: Object.fromEntries(Object.entries(t.references ?? {}).map(([c, target]) => [snakeCase(c), qualified(target)])),
      rows: t.rows,
    })),
    labels: {
      categories: Object.fromEntries(Object.entries(schema.labels.categories).map(([k, v]) => [qualified(k), v])),
      references: Object.fromEntries(
        Object.entries(schema.labels.references).map(([k, [t, l]]) => [qualified(k), [qualified(t), l] as const]),
      ),
    },
  };
}
