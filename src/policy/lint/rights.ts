// Rules that the rights the notice offers can be exercised: a channel to ask through, a way to mark restriction (CUS069, CUS071).
import type { LintRule } from './context.js';

export const checkRequestChannels: LintRule = (ctx) => {
  if (Object.values(ctx.model.rights.channels).some((v) => v !== undefined)) return;
  // Without a rights section, point at the organization, whose contact people would otherwise guess at.
  const at = ctx.declared(['rights']) ? ['rights'] : ['organization'];
  ctx.report(
    'CUS069',
    'no request channel is declared: the notice cannot say where to send a request to exercise a right',
    at,
    'add rights: { channels: { email: …, web: …, post: … } } with at least one of them',
  );
};

export const checkRestrictionOffered: LintRule = (ctx) => {
  const m = ctx.model;
  // Only a jurisdiction that grants restriction (GDPR, UK GDPR, or a manifest's own list) makes the notice offer it.
  if (!m.grantedRights.includes('restriction')) return;
  // A manifest with no dataset has Custos execute no request at all: restriction is handled by hand like the others.
  const collections = [...m.index.collections.values()];
  if (collections.length === 0 || collections.some((c) => c.restriction !== undefined)) return;
  ctx.report(
    'CUS071',
    'the notice offers restriction (art. 18), but no collection declares how to mark a person\'s rows restricted: "custos rights restrict" would have nothing to write',
    ['datasets'],
    'add restriction: { field: <flag column>, value: true } to the collections that hold personal data',
  );
};
