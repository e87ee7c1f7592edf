// Timing helpers for benchmarks: percentiles over repeated runs, printed as a small table with ratios.

export interface Measurement {
  readonly label: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly min: number;
}

/** Runs `work` after warm-up and returns percentiles in milliseconds (default 10 runs, 2 warm-ups). */
export async function measure(label: string, work: () => unknown, options: { runs?: number; warmup?: number } = {}): Promise<Measurement> {
  const runs = options.runs ?? 10;
  for (let i = 0; i < (options.warmup ?? 2); i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { label, runs, p50: at(0.5), p95: at(0.95), min: times[0] ?? 0 };
}

/** Percentiles of times already taken (milliseconds). */
export function summarize(label: string, times: readonly number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { label, runs: sorted.length, p50: at(0.5), p95: at(0.95), min: sorted[0] ?? 0 };
}

export function printTable(title: string, rows: readonly Measurement[], ratios: readonly { label: string; value: number }[] = []): void {
  console.log(`\n## ${title}`);
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(60)} p50 ${r.p50.toFixed(2).padStart(9)} ms   p95 ${r.p95.toFixed(2).padStart(9)} ms   (${r.runs} runs)`,
    );
  }
  for (const r of ratios) console.log(`  ratio ${r.label.padEnd(54)} ${r.value.toFixed(2)}×`);
}
