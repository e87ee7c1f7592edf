// Rows of the recruitment dataset: applications (a few from customers, found by the same e-mail) and their interviews.
import { COUNTRIES, JOB_POSITIONS, OFFICES } from './catalog.js';
import { phoneNumber } from './formats.js';
import { COVER_LETTERS, INTERVIEW_NOTES } from './messages.js';
import { customerProfile, DAY } from './people.js';
import { writeConsent } from './privacy-desk.js';
import { Rng, STREAMS } from './random.js';
import type { GenerationContext } from './rows.js';

const APPLICATION_STATUSES: readonly (readonly [string, number])[] = [
  ['received', 30],
  ['interviewing', 15],
  ['declined', 45],
  ['offer', 4],
  ['hired', 6],
];
const INTERVIEW_OUTCOMES: readonly (readonly [string, number])[] = [
  ['yes', 3],
  ['maybe', 1],
];

/** Nimbus receives about one application per 250 customers (at least 10). */
export function applicationCount(customers: number): number {
  return 10 + Math.floor(customers / 250);
}

export function writeApplication(index: number, ctx: GenerationContext): void {
  const { out, now, pools } = ctx;
  const rng = new Rng(ctx.seed, STREAMS.recruitment, index);
  const id = out.nextId('recruitment.applications');
  const customer = rng.chance(0.05) ? customerProfile(1 + rng.int(ctx.customers), ctx) : undefined;
  const country =
    customer?.country ?? (rng.chance(0.7) ? (COUNTRIES[0] as (typeof COUNTRIES)[number]) : (COUNTRIES[1] as (typeof COUNTRIES)[number]));
  const names = pools.names[country.names];
  const first = rng.pick(names.firstNames);
  const last = rng.pick(names.lastNames);
  const name = customer?.name ?? `${first.text} ${last.text}`;
  const email =
    customer?.email ?? `${first.slug}.${last.slug}.j${id}@${rng.pick(['courriel.example', 'inbox.example', 'webmail.example'])}`;
  const appliedAt = now - rng.int(900 * DAY);
  const status = rng.weighted(APPLICATION_STATUSES);
  const interviews = status === 'received' ? 0 : status === 'declined' ? rng.between(0, 1) : rng.between(1, 3);
  const heldAt: number[] = [];
  for (let i = 0, at = appliedAt + rng.between(3, 15) * DAY; i < interviews; i++, at += rng.between(3, 20) * DAY)
    heldAt.push(Math.min(now, at));
  const lastContact = Math.min(now, (heldAt[heldAt.length - 1] ?? appliedAt) + rng.between(1, 10) * DAY);
  const position = rng.pick(JOB_POSITIONS);
  const experience = Array.from(
    { length: rng.between(1, 3) },
    () => `${rng.pick(pools.jobTitles)}, ${rng.pick(pools.companies).text} (${rng.between(1, 6)} years)`,
  );
  out.write('recruitment.applications', {
    id,
    email,
    name,
    phone: customer?.mobile ?? phoneNumber(rng, country.mobile),
    position,
    office: country.code === 'CA' ? 'Montréal' : rng.pick(OFFICES),
    cv: `${name}\n${email}\n\nExperience\n- ${experience.join('\n- ')}\n\nLanguages: French, English`,
    cover_letter: rng.chance(0.7) ? rng.pick(COVER_LETTERS) : null,
    status,
    applied_at: appliedAt,
    last_contact_at: lastContact,
  });
  for (let i = 0; i < interviews; i++) {
    out.write('recruitment.interviews', {
      id: out.nextId('recruitment.interviews'),
      application_id: id,
      interviewer: rng.pick(pools.interviewers),
      notes: rng.pick(INTERVIEW_NOTES),
      outcome: i === interviews - 1 && status === 'declined' ? 'no' : rng.weighted(INTERVIEW_OUTCOMES),
      held_at: heldAt[i] ?? appliedAt,
    });
  }
  // The talent pool keeps an application 12 more months, with the applicant's consent (recorded with the others).
  if (rng.chance(0.3)) {
    writeConsent(ctx, { purpose: 'talent-pool', granted: true, method: 'form', at: appliedAt, email, customerId: customer?.id ?? null });
  }
}
