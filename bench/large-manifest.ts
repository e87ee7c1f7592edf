// Generates a large, lint-clean manifest (P purposes × F fields) for the compiler benchmark.

export interface LargeManifestSize {
  readonly purposes: number;
  readonly fields: number;
}

/** Returns YAML files; fields are spread over datasets of 10 collections × 10 fields, chained by references. */
export function largeManifest({ purposes, fields }: LargeManifestSize): { path: string; text: string }[] {
  const categories = Array.from({ length: 100 }, (_, i) => `custom.cat.c${i}`);
  const lines: string[] = [];
  lines.push('organization:', '  name: Bench Co', '  address: 1 rue X', '  contact: { email: dpo@bench.example }');
  lines.push('  jurisdictions: [gdpr, quebec]', '  languages: [en, fr]', "  policy: { version: '1', lastReviewed: '2026-06-01' }");
  lines.push('identities:', '  email: { type: email }', 'subjects:', '  customer: { name: { en: Customers, fr: Clients } }');
  lines.push('locations:', '  hosting: [{ name: Paris, country: FR, primary: true }]');
  lines.push('taxonomy:', '  categories:');
  for (const c of categories) lines.push(`    ${c}: { class: low, label: { en: ${c}, fr: ${c} } }`);
  lines.push(
    'recipients:',
    '  processor:',
    '    name: Processor',
    '    kind: processor',
    `    categories: [${categories.slice(0, 10).join(', ')}]`,
  );
  lines.push('retention:', '  r1: { duration: P1Y, trigger: collected }');
  lines.push('purposes:');
  for (let p = 0; p < purposes; p++) {
    const cats = [categories[p % 100], categories[(p * 7 + 3) % 100]];
    lines.push(`  p${p}:`, `    name: { en: Purpose ${p}, fr: Finalité ${p} }`, `    description: { en: Does ${p}, fr: Fait ${p} }`);
    lines.push('    legalBasis: contract', '    subjects: [customer]', `    categories: [${cats.join(', ')}]`, '    retention: r1');
    if (p % 10 === 0) lines.push('    recipients: [processor]');
  }
  lines.push('datasets:');
  const perCollection = 10;
  const collectionsPerDataset = 10;
  let made = 0;
  for (let d = 0; made < fields; d++) {
    lines.push(`  ds${d}:`, `    store: { kind: sqlite, file: ds${d}.db }`, '    collections:');
    for (let c = 0; c < collectionsPerDataset && made < fields; c++) {
      lines.push(`      t${c}:`, '        timestamps: { collected: created_at }', '        fields:');
      lines.push(c === 0 ? '          id: { type: integer, identity: email }' : '          id: { type: integer }');
      if (c > 0) lines.push(`          parent_id: { type: integer, references: t${c - 1}.id }`);
      lines.push('          created_at: { type: datetime }');
      for (let f = 0; f < perCollection && made < fields; f++, made++) {
        lines.push(`          f${f}: { category: ${categories[(made * 13) % 100]}, type: string }`);
      }
    }
  }
  return [{ path: 'bench/large.yaml', text: `${lines.join('\n')}\n` }];
}
