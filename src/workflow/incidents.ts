// Confidentiality incidents (K7.2): what the register keeps of each, and the notification clock each law sets.
import { z } from 'zod';
import { instant, text } from './register-fields.js';
import { CustosError } from '../errors.js';
import { addDuration, type Duration } from '../policy/index.js';

/** `risk`: a risk to people's rights (GDPR art. 33); `high-risk`: a high one (art. 34, Quebec's serious injury, PIPEDA's significant harm). */
export const RISK_LEVELS = ['none', 'risk', 'high-risk'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Who a notification goes to: the supervisory authority, or the people whose data it was. */
export const NOTIFICATION_RECIPIENTS = ['authority', 'people'] as const;
export type NotificationRecipient = (typeof NOTIFICATION_RECIPIENTS)[number];

/** How soon a law wants a notification: a fixed number of hours from awareness, or words with no fixed hour. */
export const NOTIFICATION_PACES = ['hours', 'without-undue-delay', 'promptly', 'as-soon-as-feasible'] as const;
export type NotificationPace = (typeof NOTIFICATION_PACES)[number];

export interface NotificationRule {
  readonly law: string;
  readonly to: NotificationRecipient;
  /** Who the authority is, as the law names it. */
  readonly authority?: string;
  /** The lowest risk that makes the notification due. */
  readonly from: Exclude<RiskLevel, 'none'>;
  readonly pace: NotificationPace;
  /** With `pace: 'hours'`: hours from awareness. */
  readonly hours?: number;
  readonly source: string;
}

/**
 * The notification rules of each preset: GDPR art. 33 (authority, 72 hours of awareness,
 * where there is a risk) and 34 (people, without undue delay, on high risk); the UK's GDPR keeps both articles (the
 * ICO); Quebec and PIPEDA notify on risk of serious injury / real risk of significant harm, read here as `high-risk`.
 * A jurisdiction not listed has no rule here: its incidents are recorded without a clock.
 */
export const NOTIFICATION_RULES: Readonly<Record<string, readonly NotificationRule[]>> = Object.freeze({
  gdpr: [
    { law: 'gdpr', to: 'authority', authority: 'supervisory authority', from: 'risk', pace: 'hours', hours: 72, source: 'GDPR art. 33' },
    { law: 'gdpr', to: 'people', from: 'high-risk', pace: 'without-undue-delay', source: 'GDPR art. 34' },
  ],
  'uk-gdpr': [
    { law: 'uk-gdpr', to: 'authority', authority: 'ICO', from: 'risk', pace: 'hours', hours: 72, source: 'UK GDPR art. 33' },
    { law: 'uk-gdpr', to: 'people', from: 'high-risk', pace: 'without-undue-delay', source: 'UK GDPR art. 34' },
  ],
  quebec: [
    {
      law: 'quebec',
      to: 'authority',
      authority: "Commission d'accès à l'information",
      from: 'high-risk',
      pace: 'promptly',
      source: 'Quebec private-sector act',
    },
    { law: 'quebec', to: 'people', from: 'high-risk', pace: 'promptly', source: 'Quebec private-sector act' },
  ],
  pipeda: [
    {
      law: 'pipeda',
      to: 'authority',
      authority: 'Privacy Commissioner of Canada',
      from: 'high-risk',
      pace: 'as-soon-as-feasible',
      source: 'PIPEDA',
    },
    { law: 'pipeda', to: 'people', from: 'high-risk', pace: 'as-soon-as-feasible', source: 'PIPEDA' },
  ],
});

/** How long a law wants every incident's record kept, from awareness (Quebec 5 years, PIPEDA 24 months). */
export const RECORD_KEEPING: Readonly<Record<string, Duration>> = Object.freeze({
  quebec: { years: 5, months: 0, days: 0, hours: 0 },
  pipeda: { years: 0, months: 24, days: 0, hours: 0 },
});

export const NOTIFICATION_SCHEMA = z.object({
  to: z.enum(NOTIFICATION_RECIPIENTS),
  law: text(64),
  at: instant(),
  /** The authority's case number, or how the people were told (e-mail, letter, public notice). */
  reference: text(500).optional(),
});
export type IncidentNotification = z.infer<typeof NOTIFICATION_SCHEMA>;

/** What staff write about an incident; every field may be corrected later. */
export const INCIDENT_FIELDS = z.object({
  description: text(4000),
  /** When it happened, when known (awareness is `detectedAt`). */
  occurredAt: instant().optional(),
  dataCategories: z.array(text(100)).min(1).max(50),
  approxPeople: z.number().int().min(0),
  approxRecords: z.number().int().min(0),
  consequences: z.string().trim().max(4000).optional(),
  measuresTaken: z.string().trim().max(4000).optional(),
  measuresPlanned: z.string().trim().max(4000).optional(),
  risk: z.enum(RISK_LEVELS),
  /** Why this risk level was concluded (Quebec's register asks why serious injury was or was not). */
  riskReason: z.string().trim().max(4000).optional(),
  /** The jurisdictions whose people are concerned: their notification rules apply. */
  laws: z.array(text(64)).min(1).max(10),
});

export const INCIDENT_SCHEMA = INCIDENT_FIELDS.extend({
  kind: z.literal('incident'),
  id: text(100),
  /** When the provider became aware of it: the clocks run from here. */
  detectedAt: instant(),
  status: z.enum(INCIDENT_STATUSES),
  notifications: z.array(NOTIFICATION_SCHEMA),
  containedAt: instant().optional(),
  closedAt: instant().optional(),
});
export type Incident = z.infer<typeof INCIDENT_SCHEMA>;

const RISK_ORDER: Readonly<Record<RiskLevel, number>> = { none: 0, risk: 1, 'high-risk': 2 };

/** One notification a law asks for this incident, and where it stands. */
export interface NotificationClock {
  readonly law: string;
  readonly to: NotificationRecipient;
  readonly authority?: string | undefined;
  readonly pace: NotificationPace;
  readonly source: string;
  /** When it was sent, once it was. */
  readonly sentAt?: Date | undefined;
  /** For an hour clock: the last instant it is on time. */
  readonly dueAt?: Date | undefined;
  /** For an unsent hour clock: whole hours left, negative once overdue (rounded down). */
  readonly hoursLeft?: number | undefined;
  readonly overdue: boolean;
}

export interface IncidentClock {
  /** The notifications owed at this risk level, one per law and recipient. */
  readonly notifications: readonly NotificationClock[];
  /** The earliest due instant of an unsent authority notification with an hour clock. */
  readonly authorityDueAt?: Date | undefined;
  readonly hoursLeft?: number | undefined;
  readonly overdue: boolean;
  /** Laws of the incident that Custos knows no notification rule of: check them by hand. */
  readonly lawsWithoutRule: readonly string[];
  /** The earliest day the record may go, when a law sets a keeping time (the longest of them). */
  readonly keepUntil?: Date | undefined;
}

const HOUR_MS = 3_600_000;

/** The notifications the incident's laws ask for at its risk level, with their deadlines as of `now`. */
export function incidentClock(incident: Incident, now: Date): IncidentClock {
  const notifications = incident.laws.flatMap((law) =>
    (NOTIFICATION_RULES[law] ?? [])
      .filter((rule) => RISK_ORDER[incident.risk] >= RISK_ORDER[rule.from])
      .map((rule) => notificationClock(incident, rule, now)),
  );
  const pendingAuthority = notifications
    .filter((n) => n.to === 'authority' && n.sentAt === undefined && n.dueAt !== undefined)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
  const first = pendingAuthority[0];
  const keeps = incident.laws.flatMap((law) => {
    const d = RECORD_KEEPING[law];
    return d ? [addDuration(incident.detectedAt, d)] : [];
  });
  return {
    notifications,
    authorityDueAt: first?.dueAt,
    hoursLeft: first?.hoursLeft,
    overdue: notifications.some((n) => n.overdue),
    lawsWithoutRule: incident.laws.filter((law) => NOTIFICATION_RULES[law] === undefined),
    keepUntil: keeps.length === 0 ? undefined : new Date(Math.max(...keeps.map((d) => d.getTime()))),
  };
}

function notificationClock(incident: Incident, rule: NotificationRule, now: Date): NotificationClock {
  const sentAt = incident.notifications.find((n) => n.law === rule.law && n.to === rule.to)?.at;
  const base = { law: rule.law, to: rule.to, authority: rule.authority, pace: rule.pace, source: rule.source, sentAt };
  if (rule.pace !== 'hours' || rule.hours === undefined) return { ...base, overdue: false };
  const dueAt = new Date(incident.detectedAt.getTime() + rule.hours * HOUR_MS);
  if (sentAt !== undefined) return { ...base, dueAt, overdue: false };
  return { ...base, dueAt, hoursLeft: Math.floor((dueAt.getTime() - now.getTime()) / HOUR_MS), overdue: now > dueAt };
}

/** Incidents with an authority notification unsent and due within `hours` of `now` or already overdue, the soonest first. */
export function incidentsDueWithin(incidents: readonly Incident[], now: Date, hours: number): Incident[] {
  if (!Number.isInteger(hours) || hours < 0)
    throw new CustosError({
      code: 'invalid-input',
      message: `hours must be a whole number of hours, 0 or more (got ${hours})`,
      details: { field: 'hours' },
    });
  const limit = now.getTime() + hours * HOUR_MS;
  return incidents
    .map((incident) => ({ incident, due: incidentClock(incident, now).authorityDueAt }))
    .filter((d) => d.due !== undefined && d.due.getTime() <= limit)
    .sort((a, b) => a.due!.getTime() - b.due!.getTime() || a.incident.id.localeCompare(b.incident.id))
    .map((d) => d.incident);
}

/** Incidents whose authority notification is past due and unsent, the longest overdue first. */
export function overdueIncidents(incidents: readonly Incident[], now: Date): Incident[] {
  return incidentsDueWithin(incidents, now, 0).filter((incident) => incidentClock(incident, now).overdue);
}
