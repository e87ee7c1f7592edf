// Notice sections on who the controller is, how to reach it and its DPO, and what the policy covers (K2.5).
import type { ContactModel } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import {
  link,
  list,
  paragraph,
  section,
  term,
  terms,
  traced,
  type Block,
  type Section,
  type SourcePath,
  type TermItem,
} from '../document/tree.js';

/** Name, email, phone, address and website of a contact (written at `at` in the manifest), each as a term (emails and sites linked). */
export function contactTerms(ctx: RenderContext, c: ContactModel, at: SourcePath = ['organization', 'contact']): (TermItem | undefined)[] {
  const m = ctx.t.notice.contact;
  return [
    term(m.name, c.name, [[...at, 'name']]),
    c.email === undefined ? undefined : term(m.email, [link(c.email, `mailto:${c.email}`)], [[...at, 'email']]),
    c.phone === undefined ? undefined : term(m.phone, [link(c.phone, `tel:${c.phone.replace(/[^\d+]/g, '')}`)], [[...at, 'phone']]),
    term(m.address, c.address, [[...at, 'address']]),
    c.url === undefined ? undefined : term(m.url, [link(c.url, c.url)], [[...at, 'url']]),
  ];
}

/** Who the controller is and how to reach it: shared by the notice and the access package's summary. */
export function controllerIdentity(ctx: RenderContext): Block[] {
  const m = ctx.t.notice.controller;
  const org = ctx.model.organization;
  const stated = (['name', 'address', 'legalForm', 'registration'] as const).filter((k) => org[k] !== undefined);
  return [
    traced(
      stated.map((k) => ['organization', k]),
      paragraph(
        m.identity({
          name: org.name,
          ...(org.address === undefined ? {} : { address: org.address }),
          ...(org.legalForm === undefined ? {} : { legalForm: org.legalForm }),
          ...(org.registration === undefined ? {} : { registration: org.registration }),
        }),
      ),
    ),
    traced([['organization', 'contact']], paragraph(m.contactIntro)),
    terms(contactTerms(ctx, org.contact)),
  ];
}

export function controllerSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.controller;
  const org = ctx.model.organization;
  const blocks: Block[] = [traced([['organization', 'name']], paragraph(m.intro(org.name))), ...controllerIdentity(ctx)];
  const subsections: Section[] = [];
  const contactSection = (id: 'dpo' | 'representative', c: ContactModel, heading: string, intro: string) =>
    section(id, heading, [paragraph(intro), terms(contactTerms(ctx, c, ['organization', id]))], [['organization', id]]);
  if (org.dpo) subsections.push(contactSection('dpo', org.dpo, m.dpoHeading, m.dpoIntro));
  if (org.representative)
    subsections.push(contactSection('representative', org.representative, m.representativeHeading, m.representativeIntro));
  if (org.jointControllers.length > 0) {
    subsections.push(
      section(
        'joint-controllers',
        m.jointHeading,
        [
          paragraph(m.jointIntro),
          list(
            org.jointControllers.map((c) => [[c.name, c.email, c.address, c.url].filter((v) => v !== undefined).join(' — ')]),
            org.jointControllers.map((_, i) => [['organization', 'jointControllers', i]]),
          ),
        ],
        [['organization', 'jointControllers']],
      ),
    );
  }
  return section('controller', m.heading, [...blocks, ...subsections], [['organization']]);
}

/** K2.5: the boundary between the provider's own data (controller) and data its customers host (processor). */
export function scopeSection(ctx: RenderContext): Section | undefined {
  const scope = ctx.model.organization.scope;
  if (!scope) return undefined;
  const m = ctx.t.notice.scope;
  const at = ['organization', 'scope'];
  return section(
    'scope',
    m.heading,
    [
      terms([
        term(m.controller, ctx.text(scope.controller), [[...at, 'controller']]),
        term(m.processor, ctx.text(scope.processor), [[...at, 'processor']]),
        scope.dpaUrl === undefined ? undefined : term(m.dpa, [link(scope.dpaUrl, scope.dpaUrl)], [[...at, 'dpaUrl']]),
      ]),
    ],
    [at],
  );
}
