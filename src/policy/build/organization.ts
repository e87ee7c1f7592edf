// Who the controller is: contacts, the policy's versions and review cycle, its scope and stated security measures.
import { addDuration } from '../duration.js';
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { duration } from './values.js';

export function buildOrganization(org: ManifestData['organization']): M.OrganizationModel {
  const reviewCycleText = org.policy.reviewCycle;
  const reviewCycle = reviewCycleText === undefined ? undefined : duration(reviewCycleText);
  return Object.freeze({
    ...org,
    jointControllers: org.jointControllers ?? [],
    policy: Object.freeze({
      ...org.policy,
      reviewCycle,
      reviewCycleText,
      // Newest first; a stable sort keeps the manifest's order for revisions of one day.
      history: (org.policy.history ?? [])
        .map((h, position) => ({ version: h.version, date: h.date, changes: toText(h.changes), position }))
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)),
      nextReview:
        reviewCycle === undefined
          ? undefined
          : addDuration(new Date(`${org.policy.lastReviewed}T00:00:00Z`), reviewCycle)
              .toISOString()
              .slice(0, 10),
    }),
    scope: org.scope && {
      controller: optionalText(org.scope.controller),
      processor: optionalText(org.scope.processor),
      dpaUrl: org.scope.dpaUrl,
    },
    security: (org.security ?? []).map(toText),
  }) as M.OrganizationModel;
}
