// Inference: how varied the sensitive attribute is inside each equivalence class — distinct l-diversity, and t-closeness
// as the earth mover's distance to the whole table's distribution with equal ground distance (half the L1 distance).
import type { EquivalenceClasses } from './classes.js';
import type { ColumnCodes } from './columns.js';

export interface ClassDiversity {
  /** Distinct sensitive values per class. */
  readonly distinct: Int32Array;
  /** Per class, the distance of its sensitive distribution to the table's (0 to 1); only when asked for. */
  readonly distance?: Float64Array;
}

/** One linear pass: rows bucketed by class, each bucket's values counted with a reset-on-touch table. */
export function classDiversity(classes: EquivalenceClasses, sensitive: ColumnCodes, withDistance: boolean): ClassDiversity {
  const { classOf, sizes } = classes;
  const rows = classOf.length;
  const classCount = sizes.length;
  const offsets = new Int32Array(classCount + 1);
  for (let c = 0; c < classCount; c++) offsets[c + 1] = (offsets[c] as number) + (sizes[c] as number);
  const fill = offsets.slice(0, classCount);
  const bucketed = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = classOf[i] as number;
    const at = fill[c] as number;
    bucketed[at] = sensitive.codes[i] as number;
    fill[c] = at + 1;
  }

  const width = sensitive.values.length;
  const overall = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const s = sensitive.codes[i] as number;
    overall[s] = (overall[s] as number) + 1;
  }
  for (let s = 0; s < width; s++) overall[s] = (overall[s] as number) / rows;

  const counts = new Int32Array(width);
  const distinct = new Int32Array(classCount);
  const distance = withDistance ? new Float64Array(classCount) : undefined;
  for (let c = 0; c < classCount; c++) {
    const start = offsets[c] as number;
    const end = offsets[c + 1] as number;
    let d = 0;
    for (let j = start; j < end; j++) {
      const s = bucketed[j] as number;
      const seen = counts[s] as number;
      if (seen === 0) d++;
      counts[s] = seen + 1;
    }
    distinct[c] = d;
    // EMD with equal distances = ½ Σ|p − q|; values absent from the class contribute q each, so
    // ½ (1 + Σ_present (|p − q| − q)).
    let sum = 0;
    const size = end - start;
    for (let j = start; j < end; j++) {
      const s = bucketed[j] as number;
      const n = counts[s] as number;
      if (n === 0) continue;
      if (distance) {
        const q = overall[s] as number;
        sum += Math.abs(n / size - q) - q;
      }
      counts[s] = 0;
    }
    if (distance) distance[c] = Math.max(0, (1 + sum) / 2);
  }
  return distance ? { distinct, distance } : { distinct };
}
