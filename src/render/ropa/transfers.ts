// Which places count as third countries for the record of processing, and the transfers of one purpose.
import type { PlaceModel, PolicyModel, PurposeModel, Region, SafeguardModel } from '../../policy/index.js';

/**
 * EU and EEA member states. Belongs with the jurisdiction presets in the policy layer (a `territory` per preset);
 * kept here until the model carries it, since only the record of processing needs it today.
 */
const EU: readonly string[] = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EEA: ReadonlySet<string> = new Set([...EU, 'IS', 'LI', 'NO']);
const REGION_COUNTRIES: Readonly<Record<Region, readonly string[]>> = { eu: EU, eea: [...EEA] };

/** The countries a place stands for; none for a place in words, which no list of countries can contain. */
function countriesOf(place: PlaceModel | undefined): readonly string[] {
  if (place === undefined) return [];
  switch (place.kind) {
    case 'country':
      return [place.country];
    case 'region':
      return REGION_COUNTRIES[place.region];
    case 'text':
      return [];
    default:
      return place satisfies never;
  }
}

/** Where the controller's data lives at home: its primary hosting countries (or regions), widened to the EEA under the GDPR. */
export function homeTerritory(model: PolicyModel): ReadonlySet<string> {
  const home = new Set(model.locations.hosting.filter((h) => h.primary).flatMap((h) => countriesOf(h.place)));
  if (home.size === 0) for (const h of model.locations.hosting) if (!h.customerChosen) for (const c of countriesOf(h.place)) home.add(c);
  const gdpr = model.jurisdictions.some((j) => j.id === 'gdpr');
  if (gdpr && [...home].some((c) => EEA.has(c))) for (const c of EEA) home.add(c);
  return home;
}

/** True when every country of a country or region is at home; a place in words never is (it is not known to be). */
function atHome(place: PlaceModel, home: ReadonlySet<string>): boolean {
  return place.kind !== 'text' && countriesOf(place).every((c) => home.has(c));
}

export interface PurposeTransfer {
  readonly to: PlaceModel;
  /** The recipient id, or undefined for a transfer declared under `locations.transfers`. */
  readonly recipient: string | undefined;
  readonly remoteAccess: boolean;
  readonly safeguard: SafeguardModel | undefined;
}

/**
 * Third-country transfers under a purpose: each of its recipients' countries and regions outside the home territory,
 * then the provider-wide transfers of `locations.transfers` (the model does not tie those to purposes, so every purpose
 * lists them), whatever their place. A recipient's places in words are printed with the recipient, not called
 * transfers: the manifest does not say they are outside the home territory.
 */
export function purposeTransfers(model: PolicyModel, p: PurposeModel, home: ReadonlySet<string>): PurposeTransfer[] {
  const out: PurposeTransfer[] = [];
  for (const share of p.recipients) {
    const r = model.recipients.get(share.id);
    for (const place of r?.places ?? []) {
      if (place.kind !== 'text' && !atHome(place, home))
        out.push({ to: place, recipient: share.id, remoteAccess: false, safeguard: r?.safeguard });
    }
  }
  for (const t of model.locations.transfers) {
    if (!atHome(t.to, home)) out.push({ to: t.to, recipient: undefined, remoteAccess: t.remoteAccess, safeguard: t.safeguard });
  }
  return out;
}
