// Manifests for the data-map tests: a small provider (2 datasets, 5 collections) and a generated large one.
import { compilePolicy, type PolicyModel } from '../../policy/index.js';

const HEADER = `
organization:
  name: Nimbus Cloud
  address: 1 rue de la Paix, Paris
  contact: { email: privacy@nimbus.example }
  jurisdictions: [gdpr]
  policy: { version: "2.3", lastReviewed: 2025-01-15 }
subjects:
  customers: { name: Customers }
locations:
  hosting: [{ name: OVH Gravelines, country: FR, primary: true }]
identities:
  email: { type: email, caseInsensitive: true }
  customer_id: { type: integer }
retention:
  account: { duration: 3 years, trigger: contract-end }
`;

const SMALL = `${HEADER}
purposes:
  service:
    name: Provide the service
    description: Run the customer's account
    legalBasis: contract
    subjects: [customers]
    retention: account
    categories: [user.identity.name, user.contact.email, user.account.id, user.relationship.order, user.financial.card, system.network.ip]
datasets:
  app:
    description: Main application database
    store: { kind: postgres, url: { env: APP_DATABASE_URL } }
    collections:
      customers:
        description: People who signed up
        primaryKey: id
        identity: { email: email, customer_id: id }
        timestamps: { contract-end: closed_at }
        fields:
          id: { category: user.account.id }
          email: { category: user.contact.email }
          full_name: { category: user.identity.name }
          closed_at: { type: datetime }
      orders:
        primaryKey: id
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { references: customers.id, category: user.account.id }
          item: { category: user.relationship.order }
      payment_methods:
        primaryKey: id
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { references: customers.id }
          card_number: { category: user.financial.card, card: bin-last4 }
  analytics:
    store: { kind: sqlite, file: analytics.db }
    collections:
      sessions:
        primaryKey: id
        identity: { customer_id: customer_id }
        timestamps: { contract-end: started_at }
        fields:
          id: { type: string }
          customer_id: { references: app.customers.id, category: user.account.id }
          ip: { category: system.network.ip, minimise: truncate-ip }
          started_at: { type: datetime }
      page_views:
        primaryKey: id
        timestamps: { contract-end: session_id.started_at }
        fields:
          id: { type: integer }
          session_id: { references: sessions.id }
          ip: { category: system.network.ip, minimise: truncate-ip }
`;

/** Compiles YAML in memory; throws when the manifest does not yield a model (a broken fixture is a test bug). */
export function compileFixture(yaml: string): PolicyModel {
  const result = compilePolicy([{ path: 'privacy/manifest.yaml', text: yaml }], { now: new Date('2025-06-01T00:00:00Z') });
  if (!result.model) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.model;
}

/** The small provider: 2 datasets, 5 collections, references inside and across datasets, 2 identities, one special card field. */
export function smallManifest(): string {
  return SMALL;
}

/** The small provider with `<&>` in the organization name, a collection description and a category label. */
export function hostileManifest(): string {
  const taxonomy = '\ntaxonomy:\n  categories:\n    user.custom.notes: { class: high, label: "Notes <private> & more" }\n';
  return (
    SMALL.replace('name: Nimbus Cloud', 'name: "Nimbus <Cloud> & Sons"')
      .replace('description: People who signed up', 'description: "People <who> signed & paid"')
      .replace(
        'full_name: { category: user.identity.name }',
        'full_name: { category: user.identity.name }\n          notes: { category: user.custom.notes }',
      ) + taxonomy
  );
}

/** The small provider storing a card security code: forbidden data the map must show loudly (the linter rejects it too). */
export function forbiddenManifest(): string {
  return SMALL.replace(
    'card_number: { category: user.financial.card, card: bin-last4 }',
    'card_number: { category: user.financial.card, card: bin-last4 }\n          cvc: { category: user.financial.card-security-code }',
  );
}

/** A provider with `datasets` × `collections` collections spread over `categories` custom categories of mixed classes. */
export function largeManifest(datasets: number, collections: number, categories: number): string {
  const classes = ['low', 'low', 'medium', 'medium', 'high', 'special'] as const;
  const keys = Array.from({ length: categories }, (_, i) => `user.generated.category-${String(i).padStart(2, '0')}`);
  const labels = ['Short', 'Generated category', 'A rather long generated category label of many words'];
  const taxonomy = keys.map((k, i) => `    ${k}: { class: ${classes[i % classes.length]}, label: "${labels[i % 3]} ${i}" }`);
  const extra: Record<string, string> = { high: ', protection: encrypted', special: ', card: last4' };
  const lines = [HEADER, 'taxonomy:', '  categories:', ...taxonomy, 'purposes:', '  service:', '    name: Service'];
  lines.push('    description: Run it', '    legalBasis: contract', '    subjects: [customers]', '    retention: account');
  lines.push(`    categories: [user.account.id, ${keys.join(', ')}]`, 'datasets:');
  for (let d = 0; d < datasets; d++) {
    lines.push(`  store_${d}:`, '    store: { kind: postgres, url: { env: DB_URL } }', '    collections:');
    for (let c = 0; c < collections; c++) {
      lines.push(`      table_${c}_of_store_${d}:`, '        primaryKey: id', '        timestamps: { contract-end: closed_at }');
      if (c === 0) lines.push('        identity: { customer_id: id }');
      lines.push('        fields:', '          id: { category: user.account.id }', '          closed_at: { type: datetime }');
      if (c > 0) lines.push(`          parent_id: { references: table_${Math.floor((c - 1) / 4)}_of_store_${d}.id }`);
      if (c === 0 && d > 0) lines.push('          account_id: { references: store_0.table_0_of_store_0.id }');
      for (let f = 0; f < 3; f++) {
        const i = (d * 7 + c * 3 + f * 11) % keys.length;
        lines.push(`          field_${f}: { category: ${keys[i]}${extra[classes[i % classes.length] ?? 'low'] ?? ''} }`);
      }
    }
  }
  return lines.join('\n');
}
