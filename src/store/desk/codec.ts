// Requests and transitions as stored: JSON text, their instants written as ISO strings and read back as Dates.
import type { RightsRequest, Transition } from '../../workflow/index.js';

const date = (text: unknown): Date | undefined => (typeof text === 'string' ? new Date(text) : undefined);

/** The request as JSON text (Dates become ISO strings through their toJSON). */
export const requestText = (request: RightsRequest): string => JSON.stringify(request);

/** The request from its text, every instant a Date again. */
export function requestFromText(text: string): RightsRequest {
  const r = JSON.parse(text) as Record<string, unknown> & {
    pauses: { from: string; to?: string }[];
    runs: { startedAt: string }[];
    extension?: { at: string };
  };
  return {
    ...r,
    receivedAt: date(r['receivedAt']),
    acknowledgedAt: date(r['acknowledgedAt']),
    closedAt: date(r['closedAt']),
    pauses: r.pauses.map((p) => ({ ...p, from: date(p.from), to: date(p.to) })),
    runs: r.runs.map((run) => ({ ...run, startedAt: date(run.startedAt) })),
    extension: r.extension && { ...r.extension, at: date(r.extension.at) },
  } as unknown as RightsRequest;
}

export const transitionText = (t: Transition): string => JSON.stringify(t);

export function transitionFromText(text: string): Transition {
  const t = JSON.parse(text) as Transition & { at: string };
  return { ...t, at: new Date(t.at) };
}
