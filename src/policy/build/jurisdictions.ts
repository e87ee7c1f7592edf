// The laws in force: each preset merged with the manifest's overrides, or a jurisdiction the manifest declares itself.
import { JURISDICTION_PRESETS } from '../defaults/jurisdictions.js';
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { toText } from '../text.js';
import { JURISDICTIONS, RIGHTS, type JurisdictionId, type Right } from '../vocabulary.js';
import { duration } from './values.js';

type JurisdictionSettingsInput = NonNullable<Exclude<ManifestData['organization']['jurisdictions'], readonly unknown[]>[string]>;

function isPreset(id: string): id is JurisdictionId {
  return (JURISDICTIONS as readonly string[]).includes(id);
}

export function buildJurisdictions(data: ManifestData, authorities: ReadonlyMap<string, M.AuthorityModel>): readonly M.Jurisdiction[] {
  const declared = data.organization.jurisdictions;
  const settings: (readonly [string, JurisdictionSettingsInput])[] = Array.isArray(declared)
    ? declared.map((id) => [id, {}] as const)
    : Object.entries(declared);
  const postMortem = data.rights?.postMortem !== undefined;
  return Object.freeze(settings.map(([id, o]) => buildJurisdiction(id, o, authorities, postMortem)));
}

/**
 * A preset with the manifest's overrides, or a custom jurisdiction (the schema has checked that it declares every key a
 * preset would have filled in: the fallbacks below are never reached for a valid manifest).
 */
function buildJurisdiction(
  id: string,
  o: JurisdictionSettingsInput,
  authorities: ReadonlyMap<string, M.AuthorityModel>,
  postMortem: boolean,
): M.Jurisdiction {
  const preset = isPreset(id) ? JURISDICTION_PRESETS[id] : undefined;
  const name = preset?.name ?? toText(o.name ?? id);
  const extensionText = o.extension ?? preset?.extension ?? 'none';
  const breachText = o.breachNotification ?? preset?.breachNotification;
  const complaintsText = o.complaints;
  const deadlineText = o.deadline ?? preset?.deadline ?? 'P30D';
  const notes = o.notes === 'none' ? {} : o.notes === undefined ? (preset?.notes ?? {}) : toText(o.notes);
  const granted = new Set<Right>(o.rights ?? preset?.rights ?? []);
  if (postMortem) granted.add('post-mortem');
  const authority =
    (o.authority === undefined ? undefined : authorities.get(o.authority)) ?? [...authorities.values()].find((a) => a.jurisdiction === id);
  return Object.freeze({
    id,
    preset: preset === undefined ? undefined : (id as JurisdictionId),
    name,
    law: preset?.law ?? toText(o.law ?? id),
    shortLaw: preset?.shortLaw ?? customShortLaw(name),
    deadline: duration(deadlineText),
    deadlineText,
    extension: extensionText === 'none' ? undefined : duration(extensionText),
    extensionText: extensionText === 'none' ? undefined : extensionText,
    breachNotification: breachText === undefined ? undefined : duration(breachText),
    breachNotificationText: breachText,
    complaints: complaintsText === undefined ? undefined : duration(complaintsText),
    complaintsText,
    notes,
    rights: RIGHTS.filter((r) => granted.has(r)),
    requiresLegalBasis: preset?.requiresLegalBasis ?? o.requiresLegalBasis ?? false,
    authority,
    authorityRef: o.authority,
  });
}

/** "Monaco law", "la loi de Monaco" ("d’" before a vowel): the clause a custom jurisdiction's name gives. */
function customShortLaw(name: M.Text): M.Text {
  const fr = (n: string) => (/^[aeiouyàâéèêëîïôûüh]/i.test(n) ? `la loi d’${n}` : `la loi de ${n}`);
  return Object.fromEntries(Object.entries(name).map(([lang, n]) => [lang, lang === 'en' ? `${n} law` : fr(n)])) as M.Text;
}
