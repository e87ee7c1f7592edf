// Notice sections on the rights of the people concerned, how to exercise them, response deadlines, complaints (K5).
import { REQUEST_CHANNELS, type Jurisdiction, type RequestChannel, type Right } from '../../policy/index.js';
import { legalBasesShown, retentionClause, type RenderContext } from '../context.js';
import {
  link,
  list,
  paragraph,
  section,
  strong,
  term,
  terms,
  traced,
  type Inline,
  type Phrase,
  type Section,
  type SourcePath,
} from '../document/tree.js';

const JURISDICTIONS: SourcePath = ['organization', 'jurisdictions'];
const jurisdiction = (j: Jurisdiction): SourcePath => [...JURISDICTIONS, j.id];
import { durationInWords, listInWords } from '../words.js';

function channelValue(channel: RequestChannel, value: string): Inline {
  switch (channel) {
    case 'web':
      return link(value, value);
    case 'email':
      return link(value, `mailto:${value}`);
    case 'post':
      return value;
    default:
      return channel satisfies never;
  }
}

/** Channels, verification, proof of identity and fees as stated; absent when the manifest states none of them. */
function exerciseSection(ctx: RenderContext): Section | undefined {
  const m = ctx.t.notice.rights;
  const r = ctx.model.rights;
  const proofRule = r.identityProofRetention === undefined ? undefined : ctx.model.retention.get(r.identityProofRetention);
  const channels = REQUEST_CHANNELS.flatMap((c) => {
    const value = r.channels[c];
    return value === undefined ? [] : [term(ctx.t.vocab.channel[c], [channelValue(c, value)], [['rights', 'channels', c]])];
  });
  const items = [
    ...channels,
    term(m.verification, ctx.text(r.verification), [['rights', 'verification']]),
    proofRule === undefined
      ? undefined
      : term(m.identityProof, m.identityProofClause(retentionClause(ctx, proofRule)), [
          ['rights', 'identityProofRetention'],
          ['retention', proofRule.id],
        ]),
    term(m.fees, ctx.text(r.fees), [['rights', 'fees']]),
  ].filter((t) => t !== undefined);
  if (items.length === 0) return undefined;
  return section(
    'exercise',
    m.exerciseHeading,
    [channels.length === 0 ? undefined : traced([['rights', 'channels']], paragraph(m.exerciseIntro)), terms(items)],
    [['rights']],
  );
}

function deadlinesSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  const rows = ctx.model.jurisdictions.map((j): Phrase[] => [
    [ctx.text(j.name)],
    [ctx.text(j.law)],
    [durationInWords(j.deadline, ctx.lang)],
    [j.extension === undefined ? m.noExtension : m.extension(durationInWords(j.extension, ctx.lang))],
    [ctx.text(j.notes) || '—'],
  ]);
  const rowSources = ctx.model.jurisdictions.map((j) => [jurisdiction(j)]);
  return section(
    'deadlines',
    m.deadlinesHeading,
    [paragraph(m.deadlinesIntro), { kind: 'table', head: m.deadlinesHead, rows, rowHeaders: true, rowSources }],
    [JURISDICTIONS],
  );
}

function authorityLine(ctx: RenderContext, j: Jurisdiction): Phrase {
  const a = j.authority;
  const where = `${ctx.text(j.name)} — `;
  if (!a) return [where, ctx.t.notice.rights.authorityUnknown];
  const out: Inline[] = [where, strong(ctx.text(a.name))];
  if (a.url !== undefined) out.push(', ', link(a.url, a.url));
  if (a.address !== undefined) out.push(`, ${a.address}`);
  return out;
}

function complaintsSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  const js = ctx.model.jurisdictions;
  // A deadline to answer complaints is promised only where the manifest states one.
  const stated = js.flatMap((j) => (j.complaints === undefined ? [] : [{ j, d: durationInWords(j.complaints, ctx.lang) }]));
  const complaintSources = stated.map((s) => [...jurisdiction(s.j), 'complaints']);
  const durations = new Set(stated.map((s) => s.d));
  const [only] = durations;
  const handling =
    stated.length === 0
      ? []
      : durations.size === 1 && only !== undefined && stated.length === js.length
        ? [traced(complaintSources, paragraph(m.complaints(only)))]
        : [
            traced(complaintSources, paragraph(m.complaints(listInWords([...durations], ctx.lang, 'disjunction')))),
            list(
              stated.map((s) => [m.complaintsBy(ctx.text(s.j.name), s.d)]),
              stated.map((s) => [[...jurisdiction(s.j), 'complaints']]),
            ),
          ];
  const authorityIntro = handling.length === 0 ? m.authorityIntroAlone : m.authorityIntro;
  const authoritySources = js.map((j) =>
    j.authority === undefined
      ? [jurisdiction(j)]
      : [
          [...jurisdiction(j), 'authority'],
          ['organization', 'authorities', j.authority.id],
        ],
  );
  return section(
    'complaints',
    m.complaintsHeading,
    [
      ...handling,
      paragraph(authorityIntro),
      list(
        js.map((j) => authorityLine(ctx, j)),
        authoritySources,
      ),
      ctx.model.rights.otherAuthorities ? traced([['rights', 'otherAuthorities']], paragraph(m.otherAuthorities)) : undefined,
    ],
    [JURISDICTIONS],
  );
}

/** Only what the manifest states on data after death; "through the channels above" only when channels are listed. */
function postMortemSection(ctx: RenderContext): Section | undefined {
  const m = ctx.t.notice.rights;
  const pm = ctx.model.rights.postMortem;
  if (pm === undefined) return undefined;
  const description = ctx.text(pm.description);
  const channels = REQUEST_CHANNELS.some((c) => ctx.model.rights.channels[c] !== undefined);
  const at: SourcePath = ['rights', 'postMortem'];
  return section(
    'post-mortem',
    m.postMortemHeading,
    [
      pm.default === undefined ? undefined : traced([[...at, 'default'], at], paragraph(ctx.t.vocab.postMortem[pm.default])),
      description ? traced([[...at, 'description']], paragraph(description)) : undefined,
      channels ? traced([at, ['rights', 'channels']], paragraph(m.postMortemHow)) : undefined,
    ],
    [at],
  );
}

/** Where a right applies when only some of the laws in force grant it: "where Quebec law applies"; empty when all do. */
function grantedWhere(ctx: RenderContext, r: Right): string {
  const js = ctx.model.jurisdictions;
  const granting = js.filter((j) => j.rights.includes(r));
  if (granting.length === js.length) return '';
  return ctx.t.notice.rights.grantedWhere(
    listInWords(
      granting.map((j) => ctx.text(j.shortLaw)),
      ctx.lang,
      'disjunction',
    ),
  );
}

/**
 * A right's text, with the legal holds referred to only when listed, art. 19 notification only when stated, and where it
 * applies when not every law in force grants it.
 */
function rightText(ctx: RenderContext, r: Right): string {
  const m = ctx.t.notice.rights;
  const base = r === 'portability' && !legalBasesShown(ctx) ? m.portabilityWithoutBasis : ctx.t.vocab.right[r].text;
  const holds = r === 'erasure' && ctx.model.legalHolds.size > 0 ? m.seeHolds : '';
  const notify =
    (r === 'rectification' || r === 'erasure') && ctx.model.rights.notifyRecipients && ctx.model.recipients.size > 0 ? m.passedOn[r] : '';
  const where = grantedWhere(ctx, r);
  if (holds === '' && notify === '' && where === '') return base;
  return `${base.replace(/\.$/, '')}${holds}${notify}${where}.`;
}

/** The laws that grant a right (their `rights:` override when written), and the lines its text depends on. */
function rightSources(ctx: RenderContext, r: Right): SourcePath[] {
  if (r === 'post-mortem') return [['rights', 'postMortem']];
  const granting = ctx.model.jurisdictions.filter((j) => j.rights.includes(r));
  const laws = granting.flatMap((j): SourcePath[] => [[...jurisdiction(j), 'rights'], jurisdiction(j)]);
  const holds: SourcePath[] = r === 'erasure' && ctx.model.legalHolds.size > 0 ? [['legalHolds']] : [];
  const notify: SourcePath[] =
    (r === 'rectification' || r === 'erasure') && ctx.model.rights.notifyRecipients ? [['rights', 'notifyRecipients']] : [];
  return [...laws, ...holds, ...notify];
}

export function rightsSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  return section(
    'rights',
    m.heading,
    [
      paragraph(legalBasesShown(ctx) ? m.intro : m.introWithoutBasis),
      terms(ctx.model.grantedRights.map((r) => term(ctx.t.vocab.right[r].title, rightText(ctx, r), rightSources(ctx, r)))),
      exerciseSection(ctx),
      deadlinesSection(ctx),
      complaintsSection(ctx),
      postMortemSection(ctx),
    ],
    [JURISDICTIONS],
  );
}
