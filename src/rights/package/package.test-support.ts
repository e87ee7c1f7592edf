// Test support for the access package: the rights test shop with a DPO, an authority, transfers and an outbox; unzip; page text.
import { compilePolicy, type PolicyModel } from '../../policy/index.js';
import { createConnectorPool } from '../../connectors/index.js';
import { normalizeIdentities, type RunRequest } from '../index.js';
import { openPromise, type Entry } from 'yauzl';
import { createShop, SHOP_MANIFEST, type Shop } from '../../../test/rights/shop.js';
import { testContext, type TestContext } from '../../../test/rights/context.js';

/** Edits of the shop manifest: each `[from, to]` must apply exactly once. */
const EDITS: readonly (readonly [string, string])[] = [
  [
    '  jurisdictions: [gdpr]\n',
    `  jurisdictions: { gdpr: { authority: cnil } }
  authorities:
    cnil: { name: Commission nationale de l’informatique et des libertés, country: FR, url: https://www.cnil.fr }
  dpo: { name: Dana Protect, email: dpo@shop.example }
`,
  ],
  ['  channels: { email: privacy@shop.example }\n', '  channels: { email: rights@shop.example, web: https://shop.example/privacy }\n'],
  // The shop publishes how it stores card data, which the summary then states beside a withheld token.
  [
    'identities:\n',
    `taxonomy:
  handling:
    special: { store: { en: 'Only a processor token, stored encrypted.', fr: 'Uniquement un jeton du prestataire, conservé chiffré.' } }
identities:
`,
  ],
  [
    'categories: [user.financial.card-token] }',
    'categories: [user.financial.card-token], countries: [US], safeguard: standard-contractual-clauses }',
  ],
  // A rule for one category: the French summary makes its period agree with it ("Adresse électronique : conservée…").
  [
    '  logs: { duration: P1Y, trigger: collected }\n',
    '  logs: { duration: P1Y, trigger: collected }\n  emails: { duration: P2Y, trigger: contract-end, categories: [user.contact.email] }\n',
  ],
  ['user.communication.support]\n', 'user.communication.support, user.communication.notification]\n'],
  ['Keeping accounts safe\n', 'Keeping accounts safe\n    automatedDecision: Sign-ins from unusual places are blocked automatically\n'],
  [
    '      staff:\n',
    `      notifications:
        description: 'Emails we sent you <script>alert(1)</script>'
        outbox: true
        retention: logs
        timestamps: { collected: sent_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, identity: customer_id }
          subject: { category: user.communication.notification, type: string }
          body: { category: user.communication.notification, type: string }
          sent_at: { type: datetime }
      staff:
`,
  ],
];

export interface RichShop {
  readonly shop: Shop;
  readonly model: PolicyModel;
  context(): TestContext;
}

/** The rights test shop, its manifest enriched with everything an access reply must say, and Ada's and Bob's emails. */
export function createRichShop(name: string): RichShop {
  const shop = createShop(name);
  const text = EDITS.reduce((t, [from, to]) => {
    if (t.split(from).length !== 2) throw new Error(`manifest edit does not apply once: ${from}`);
    return t.replace(from, to);
  }, SHOP_MANIFEST);
  const result = compilePolicy([{ path: 'shop.yaml', text }], { baseDir: shop.dir, now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model || !result.ok) {
    shop.cleanup();
    throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  }
  const model = result.model;
  const db = shop.activityDb();
  db.exec(`
    CREATE TABLE notifications (id INTEGER PRIMARY KEY, customer_id INTEGER, subject TEXT, body TEXT, sent_at TEXT);
    INSERT INTO notifications VALUES (91, 1, 'Your invoice F-2026-042 is ready', 'Hello Ada, your invoice is attached.', '2026-02-01T08:00:00Z'),
                                     (92, 1, 'Été: <maintenance> "planned"', 'We will reboot vps-s on Sunday.', '2026-07-01T08:00:00Z'),
                                     (93, 2, 'Your invoice F-2026-043 is ready', 'Hello Bob.', '2026-02-01T08:00:00Z');
  `);
  db.close();
  return { shop, model, context: () => ({ ...testContext(shop, { pool: createConnectorPool(model) }), model }) };
}

export function adaRequest(model: PolicyModel, id: string): RunRequest {
  return { id, identities: normalizeIdentities(model, new Map([['email', ['ada@example.com']]])) };
}

/** Every entry of a zip file, by name, read one after the other. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(file, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(Buffer.from(chunk));
        entries.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      })().catch(reject);
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** The visible text of an HTML page, entities decoded and spaces (including no-break ones) collapsed. */
export function pageText(html: string): string {
  const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e] ?? '')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}
