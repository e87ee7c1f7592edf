// Notice sections on who the controller is, how to reach it and its DPO, and what the policy covers (K2.5).
import type { ContactModel } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import { link, list, paragraph, section, term, terms, type Block, type Section, type TermItem } from '../document/tree.js';

/** Name, email, phone, address and website of a contact, each as a term (emails and sites linked). */
export function contactTerms(ctx: RenderContext, c: ContactModel): (TermItem | undefined)[] {
  const m = ctx.t.notice.contact;
  return [
    term(m.name, c.name),
    c.email === undefined ? undefined : term(m.email, [link(c.email, `mailto:${c.email}`)]),
    c.phone === undefined ? undefined : term(m.phone, [link(c.phone, `tel:${c.phone.replace(/[^\d+]/g, '')}`)]),
    term(m.address, c.address),
    c.url === undefined ? undefined : term(m.url, [link(c.url, c.url)]),
  ];
}

/** Who the controller is and how to reach it: shared by the notice and the access package's summary. */
export function controllerIdentity(ctx: RenderContext): Block[] {
  const m = ctx.t.notice.controller;
  const org = ctx.model.organization;
  return [
    paragraph(
      m.identity({
        name: org.name,
        ...(org.address === undefined ? {} : { address: org.address }),
        ...(org.legalForm === undefined ? {} : { legalForm: org.legalForm }),
        ...(org.registration === undefined ? {} : { registration: org.registration }),
      }),
    ),
    paragraph(m.contactIntro),
    terms(contactTerms(ctx, org.contact)),
  ];
}

export function controllerSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.controller;
  const org = ctx.model.organization;
  const blocks: Block[] = [paragraph(m.intro(org.name)), ...controllerIdentity(ctx)];
  const subsections: Section[] = [];
  if (org.dpo) subsections.push(section('dpo', m.dpoHeading, [paragraph(m.dpoIntro), terms(contactTerms(ctx, org.dpo))]));
  if (org.representative) {
    subsections.push(
      section('representative', m.representativeHeading, [paragraph(m.representativeIntro), terms(contactTerms(ctx, org.representative))]),
    );
  }
  if (org.jointControllers.length > 0) {
    subsections.push(
      section('joint-controllers', m.jointHeading, [
        paragraph(m.jointIntro),
        list(org.jointControllers.map((c) => [[c.name, c.email, c.address, c.url].filter((v) => v !== undefined).join(' — ')])),
      ]),
    );
  }
  return section('controller', m.heading, [...blocks, ...subsections]);
}

/** K2.5: the boundary between the provider's own data (controller) and data its customers host (processor). */
export function scopeSection(ctx: RenderContext): Section | undefined {
  const scope = ctx.model.organization.scope;
  if (!scope) return undefined;
  const m = ctx.t.notice.scope;
  return section('scope', m.heading, [
    terms([
      term(m.controller, ctx.text(scope.controller)),
      term(m.processor, ctx.text(scope.processor)),
      scope.dpaUrl === undefined ? undefined : term(m.dpa, [link(scope.dpaUrl, scope.dpaUrl)]),
    ]),
  ]);
}
