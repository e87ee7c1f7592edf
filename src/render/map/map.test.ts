// The data map of a small provider: a standalone, well-formed SVG with one box per dataset, collection and category.
import { beforeAll, describe, expect, it } from 'vitest';
import { isCustosError } from '../../errors.js';
import type { PolicyModel } from '../../policy/index.js';
import { CLASS_STYLES, renderDataMap, type DataMap, type DataMapFormat } from './index.js';
import { compileFixture, forbiddenManifest, hostileManifest, smallManifest } from './fixture.test-support.js';
import { allElements, findOverlaps, hasClass, parseSvg, type SvgElement } from './inspect.test-support.js';

const DATASETS = ['dataset:app', 'dataset:analytics'];
const COLLECTIONS = ['app.customers', 'app.orders', 'app.payment_methods', 'analytics.sessions', 'analytics.page_views'].map(
  (c) => `collection:${c}`,
);
const CATEGORIES = {
  'user.account.id': 'low',
  'user.contact.email': 'low',
  'user.identity.name': 'low',
  'user.relationship.order': 'low',
  'system.network.ip': 'medium',
  'user.financial.card': 'special',
} as const;

function nodeGroups(root: SvgElement): SvgElement[] {
  return allElements(root).filter((e) => e.name === 'g' && hasClass(e, 'node'));
}

function box(group: SvgElement): SvgElement | undefined {
  return group.children.find((c) => c.name === 'rect' && hasClass(c, 'box'));
}

function tooltip(group: SvgElement): string {
  return group.children.find((c) => c.name === 'title')?.text ?? '';
}

describe('renderDataMap', () => {
  let model: PolicyModel;
  let svg: string;
  let root: SvgElement;
  let map: DataMap;

  beforeAll(async () => {
    model = compileFixture(smallManifest());
    svg = await renderDataMap(model, { format: 'svg' });
    root = parseSvg(svg);
    map = JSON.parse(await renderDataMap(model, { format: 'json' })) as DataMap;
  });

  it('renders a standalone SVG: namespace, viewBox, embedded style, a title naming the organization and policy version', () => {
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(root.children.some((c) => c.name === 'style' && c.text.includes('font-family'))).toBe(true);
    expect(root.children.find((c) => c.name === 'title')?.text).toBe('Data map — Nimbus Cloud');
    const texts = allElements(root).map((e) => e.text);
    expect(texts).toContain('Data map — Nimbus Cloud');
    expect(texts.some((t) => t.startsWith('Policy version 2.3'))).toBe(true);
    expect(svg).not.toMatch(/<script|href=/);
  });

  it('draws one box per dataset, collection and category, each with a tooltip', () => {
    const ids = nodeGroups(root).map((g) => g.attrs['data-id']);
    expect(ids.sort()).toEqual([...DATASETS, ...COLLECTIONS, ...Object.keys(CATEGORIES).map((k) => `category:${k}`)].sort());
    for (const g of nodeGroups(root)) expect(tooltip(g)).not.toBe('');
    const card = nodeGroups(root).find((g) => g.attrs['data-id'] === 'category:user.financial.card');
    expect(card && tooltip(card)).toContain('app.payment_methods.card_number');
  });

  it('fills each category with the colour of its class, and the legend counts the classes', () => {
    const categories = nodeGroups(root).filter((g) => hasClass(g, 'category'));
    for (const g of categories) {
      const key = (g.attrs['data-id'] ?? '').replace('category:', '') as keyof typeof CATEGORIES;
      expect(g.attrs['data-class']).toBe(CATEGORIES[key]);
      expect(box(g)?.attrs.fill).toBe(CLASS_STYLES[CATEGORIES[key]].fill);
    }
    expect(map.classes.map((c) => [c.class, c.count])).toEqual([
      ['low', 4],
      ['medium', 1],
      ['high', 0],
      ['special', 1],
    ]);
  });

  it('draws references as dashed arrows in the direction a rights request walks, across datasets too', () => {
    const refs = allElements(root)
      .filter((e) => e.name === 'g' && hasClass(e, 'references'))
      .map((e) => `${e.attrs['data-source']} -> ${e.attrs['data-target']}`);
    expect(refs.sort()).toEqual(
      [
        'collection:analytics.sessions -> collection:analytics.page_views',
        'collection:app.customers -> collection:analytics.sessions',
        'collection:app.customers -> collection:app.orders',
        'collection:app.customers -> collection:app.payment_methods',
      ].sort(),
    );
    expect(svg).toMatch(/path\.reference \{[^}]*stroke-dasharray/);
    for (const e of map.edges.filter((x) => x.kind === 'references')) expect(e.points.length).toBeGreaterThanOrEqual(4);
  });

  it('links each collection to the categories it holds', () => {
    const holds = map.edges.filter((e) => e.kind === 'holds').map((e) => `${e.source} -> ${e.target}`);
    expect(holds).toContain('collection:app.payment_methods -> category:user.financial.card');
    expect(holds).toContain('collection:analytics.page_views -> category:system.network.ip');
    expect(holds).toHaveLength(9);
  });

  it('badges the collections that hold an identity', () => {
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    expect(byId.get('collection:app.customers')?.identities).toEqual(['email', 'customer_id']);
    expect(byId.get('collection:analytics.sessions')?.identities).toEqual(['customer_id']);
    expect(byId.get('collection:app.orders')?.identities).toEqual([]);
    const badges = allElements(root).filter((e) => e.name === 'g' && hasClass(e, 'identity-badge'));
    expect(badges.flatMap((b) => b.children.filter((c) => c.name === 'text').map((t) => t.text)).sort()).toEqual([
      'customer_id',
      'customer_id',
      'email',
    ]);
  });

  it('places boxes without overlap, collections inside their dataset, categories right of the datasets', () => {
    expect(findOverlaps(map)).toEqual([]);
    const datasetsRight = Math.max(...map.nodes.filter((n) => n.kind === 'dataset').map((n) => n.x + n.width));
    for (const c of map.nodes.filter((n) => n.kind === 'category')) expect(c.x).toBeGreaterThan(datasetsRight);
  });

  it('escapes manifest text in labels, tooltips and the title', async () => {
    const hostile = await renderDataMap(compileFixture(hostileManifest()));
    const parsed = parseSvg(hostile);
    expect(hostile).toContain('Nimbus &lt;Cloud&gt; &amp; Sons');
    expect(hostile).not.toMatch(/<Cloud>|<who>|<private>/);
    expect(parsed.children.find((c) => c.name === 'title')?.text).toBe('Data map — Nimbus <Cloud> & Sons');
    const groups = nodeGroups(parsed);
    expect(tooltip(groups.find((g) => g.attrs['data-id'] === 'collection:app.customers') ?? parsed)).toContain(
      'People <who> signed & paid',
    );
    const notes = groups.find((g) => g.attrs['data-id'] === 'category:user.custom.notes');
    expect(notes?.children.filter((c) => c.name === 'text').map((t) => t.text)).toContain('Notes <private> & more');
  });

  it('shows forbidden data loudly: solid red box, red line, a warning under the title, a legend entry', async () => {
    const forbidden = await renderDataMap(compileFixture(forbiddenManifest()));
    const parsed = parseSvg(forbidden);
    const cvc = nodeGroups(parsed).find((g) => g.attrs['data-id'] === 'category:user.financial.card-security-code');
    expect(cvc?.attrs['data-class']).toBe('forbidden');
    expect(box(cvc ?? parsed)?.attrs.fill).toBe(CLASS_STYLES.forbidden.fill);
    expect(allElements(parsed).find((e) => hasClass(e, 'alert'))?.text).toContain('user.financial.card-security-code');
    expect(allElements(parsed).some((e) => e.name === 'path' && hasClass(e, 'holds-forbidden'))).toBe(true);
    expect(allElements(parsed).some((e) => hasClass(e, 'legend') && e.text.startsWith('Forbidden (1)'))).toBe(true);
    // …and a clean manifest shows no trace of it.
    expect(svg).not.toContain('data-class="forbidden"');
    expect(allElements(root).some((e) => hasClass(e, 'alert') || (hasClass(e, 'legend') && e.text.startsWith('Forbidden')))).toBe(false);
  });

  it('rejects an unknown format with an invalid-input error', async () => {
    const error: unknown = await renderDataMap(model, { format: 'png' as DataMapFormat }).catch((e: unknown) => e);
    expect(isCustosError(error) && error.code).toBe('invalid-input');
  });
});
