// Which countries count as third countries for the record of processing, and the transfers of one purpose.
import type { PolicyModel, PurposeModel, Safeguard } from '../../policy/index.js';

/**
 * EU and EEA member states. Belongs with the jurisdiction presets in the policy layer (a `territory` per preset);
 * kept here until the model carries it, since only the record of processing needs it today.
 */
const EEA: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/** Where the controller's data lives at home: its primary hosting countries, widened to the EEA under the GDPR. */
export function homeTerritory(model: PolicyModel): ReadonlySet<string> {
  const home = new Set(model.locations.hosting.filter((h) => h.primary).map((h) => h.country));
  if (home.size === 0) for (const h of model.locations.hosting) if (!h.customerChosen) home.add(h.country);
  const gdpr = model.jurisdictions.some((j) => j.id === 'gdpr');
  if (gdpr && [...home].some((c) => EEA.has(c))) for (const c of EEA) home.add(c);
  return home;
}

export interface PurposeTransfer {
  readonly country: string;
  /** The recipient id, or undefined for a transfer declared under `locations.transfers`. */
  readonly recipient: string | undefined;
  readonly remoteAccess: boolean;
  readonly safeguard: Safeguard | undefined;
}

/**
 * Third-country transfers under a purpose: each of its recipients' countries outside the home territory, then the
 * provider-wide transfers of `locations.transfers` (the model does not tie those to purposes, so every purpose lists them).
 */
export function purposeTransfers(model: PolicyModel, p: PurposeModel, home: ReadonlySet<string>): PurposeTransfer[] {
  const out: PurposeTransfer[] = [];
  for (const share of p.recipients) {
    const r = model.recipients.get(share.id);
    for (const country of r?.countries ?? []) {
      if (!home.has(country)) out.push({ country, recipient: share.id, remoteAccess: false, safeguard: r?.safeguard });
    }
  }
  for (const t of model.locations.transfers) {
    if (!home.has(t.to)) out.push({ country: t.to, recipient: undefined, remoteAccess: t.remoteAccess, safeguard: t.safeguard });
  }
  return out;
}
