// Notice sections on the rights of the people concerned, how to exercise them, response deadlines, complaints (K5).
import { RIGHTS, REQUEST_CHANNELS, type Jurisdiction, type RequestChannel } from '../../policy/index.js';
import { retentionClause, type RenderContext } from '../context.js';
import { link, list, paragraph, section, strong, term, terms, type Inline, type Phrase, type Section } from '../document/tree.js';
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

function exerciseSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  const r = ctx.model.rights;
  const proofRule = r.identityProofRetention === undefined ? undefined : ctx.model.retention.get(r.identityProofRetention);
  const channels = REQUEST_CHANNELS.flatMap((c) => {
    const value = r.channels[c];
    return value === undefined ? [] : [term(ctx.t.vocab.channel[c], [channelValue(c, value)])];
  });
  return section('exercise', m.exerciseHeading, [
    channels.length === 0 ? undefined : paragraph(m.exerciseIntro),
    terms([
      ...channels,
      term(m.verification, ctx.text(r.verification) || m.verificationDefault),
      proofRule === undefined ? undefined : term(m.identityProof, m.identityProofClause(retentionClause(ctx, proofRule))),
      term(m.fees, ctx.text(r.fees)),
    ]),
  ]);
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
  return section('deadlines', m.deadlinesHeading, [
    paragraph(m.deadlinesIntro),
    { kind: 'table', head: m.deadlinesHead, rows, rowHeaders: true },
  ]);
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
  const durations = new Set(js.map((j) => durationInWords(j.complaints, ctx.lang)));
  const [only] = durations;
  const handling =
    durations.size === 1 && only !== undefined
      ? [paragraph(m.complaints(only))]
      : [
          paragraph(m.complaints(listInWords([...durations], ctx.lang, 'disjunction'))),
          list(js.map((j) => [m.complaintsBy(ctx.text(j.name), durationInWords(j.complaints, ctx.lang))])),
        ];
  return section('complaints', m.complaintsHeading, [...handling, paragraph(m.authorityIntro), list(js.map((j) => authorityLine(ctx, j)))]);
}

function postMortemSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  const pm = ctx.model.rights.postMortem;
  const description = ctx.text(pm.description);
  return section('post-mortem', m.postMortemHeading, [
    paragraph(ctx.t.vocab.postMortem[pm.default]),
    description ? paragraph(description) : undefined,
    paragraph(m.postMortemHow),
  ]);
}

export function rightsSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.rights;
  return section('rights', m.heading, [
    paragraph(m.intro),
    terms(RIGHTS.map((r) => term(ctx.t.vocab.right[r].title, ctx.t.vocab.right[r].text))),
    exerciseSection(ctx),
    deadlinesSection(ctx),
    complaintsSection(ctx),
    postMortemSection(ctx),
  ]);
}
