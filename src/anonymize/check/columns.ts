// Columns read once into small integers: each distinct value of a column gets a code, each row the codes of its values,
// so that grouping, counting and comparing never touch the values again.

/** A row as an engine or a connector hands it over: column name → value. */
export type AnonymityRow = Readonly<Record<string, unknown>>;

/** A value as the checker compares it: dates as ISO text, bytes as hex, other objects as JSON; undefined as null. */
export type CellKey = string | number | boolean | bigint | null;

export function cellKey(value: unknown): CellKey {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return value;
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
      return JSON.stringify(value) ?? null;
  }
}

/** Whether a key counts as "no value" (null or empty text): such cells identify nobody. */
export function isEmptyKey(key: CellKey): boolean {
  return key === null || key === '';
}

/** One column interned: `codes[row]` indexes `values`. */
export interface ColumnCodes {
  readonly name: string;
  readonly codes: Int32Array;
  readonly values: readonly CellKey[];
}

/** Collects the named columns of rows as they come (records or arrays), in one pass. */
export class ColumnCollector {
  private readonly dictionaries: Map<CellKey, number>[];
  private readonly values: CellKey[][];
  private buffers: Int32Array[];
  private count = 0;

  constructor(readonly names: readonly string[]) {
    this.dictionaries = names.map(() => new Map());
    this.values = names.map(() => []);
    this.buffers = names.map(() => new Int32Array(1024));
  }

  get rows(): number {
    return this.count;
  }

  addRecord(row: AnonymityRow): void {
    this.reserve();
    for (let c = 0; c < this.names.length; c++) this.put(c, row[this.names[c] as string]);
    this.count++;
  }

  /** A row as an array, `indexes[c]` the position of the c-th collected column in it. */
  addArray(cells: readonly unknown[], indexes: readonly number[]): void {
    this.reserve();
    for (let c = 0; c < this.names.length; c++) this.put(c, cells[indexes[c] as number]);
    this.count++;
  }

  finish(): readonly ColumnCodes[] {
    return this.names.map((name, c) => ({
      name,
      codes: (this.buffers[c] as Int32Array).subarray(0, this.count),
      values: this.values[c] as CellKey[],
    }));
  }

  private put(c: number, value: unknown): void {
    const key = typeof value === 'string' ? value : cellKey(value);
    const dictionary = this.dictionaries[c] as Map<CellKey, number>;
    let code = dictionary.get(key);
    if (code === undefined) {
      const values = this.values[c] as CellKey[];
      code = values.length;
      values.push(key);
      dictionary.set(key, code);
    }
    (this.buffers[c] as Int32Array)[this.count] = code;
  }

  private reserve(): void {
    const capacity = this.buffers[0]?.length ?? 0;
    if (this.count < capacity) return;
    this.buffers = this.buffers.map((old) => {
      const grown = new Int32Array(old.length * 2);
      grown.set(old);
      return grown;
    });
  }
}

/** How many rows carry each value of a column (indexed like `values`). */
export function valueCounts(column: ColumnCodes): Int32Array {
  const counts = new Int32Array(column.values.length);
  const { codes } = column;
  for (let i = 0; i < codes.length; i++) {
    const v = codes[i] as number;
    counts[v] = (counts[v] as number) + 1;
  }
  return counts;
}
