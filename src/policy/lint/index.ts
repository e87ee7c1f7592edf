// The linter: runs every rule over a compiled PolicyModel and returns diagnostics placed in the manifest files.
import type { Diagnostic } from '../diagnostics.js';
import type { PolicyModel } from '../model.js';
import type { SourceMap } from '../sources.js';
import { checkAnonymity } from './anonymity.js';
import { checkFieldClasses, checkLoggableClasses, checkMinimisation } from './classification.js';
import {
  checkComplaintDeadlines,
  checkForbiddenListed,
  checkHandlingTexts,
  checkPostMortem,
  checkReviewCycleDeclared,
  checkControllerAddress,
} from './defaults.js';
import { createLintContext, type LintRule } from './context.js';
import { checkCollectedDirectly } from './collected.js';
import { checkCookieObjection, checkThirdPartyCookies } from './cookies.js';
import { checkForbiddenEdits } from './forbidden.js';
import { checkErasureStrategies, checkKeyIndexes, checkReachability, checkRestrictionMarks } from './datasets.js';
import { checkJurisdictionAuthorities, checkJurisdictions, checkReviewDue, checkTranslations } from './organization.js';
import {
  checkCategoriesHaveReasons,
  checkLegalBases,
  checkNeverProcessed,
  checkRecipientShares,
  checkRecipientsServePurposes,
} from './purposes.js';
import { checkCategoryLists, checkDatasetReferences, checkOrganizationReferences, checkPurposeReferences } from './references.js';
import { checkClockFields, checkCollectionClocks, checkRetentionTimestamps } from './retention.js';
import { checkRuleScopes, checkTransientFields } from './retention-scopes.js';
import { checkRequestChannels, checkRestrictionOffered } from './rights.js';

export { reachableCollections } from './datasets.js';
export { resolveTimestamp, timestampExists } from './references.js';

/** Every rule, in reporting order. */
export const LINT_RULES: readonly LintRule[] = [
  checkPurposeReferences,
  checkCategoryLists,
  checkDatasetReferences,
  checkOrganizationReferences,
  checkFieldClasses,
  checkLegalBases,
  checkCategoriesHaveReasons,
  checkRecipientShares,
  checkReachability,
  checkRetentionTimestamps,
  checkClockFields,
  checkCollectionClocks,
  checkErasureStrategies,
  checkRestrictionMarks,
  checkKeyIndexes,
  checkReviewDue,
  checkJurisdictions,
  checkJurisdictionAuthorities,
  checkTranslations,
  // Issue 12, part 4.
  checkNeverProcessed,
  checkLoggableClasses,
  checkMinimisation,
  checkRecipientsServePurposes,
  checkRequestChannels,
  checkRestrictionOffered,
  checkForbiddenListed,
  checkHandlingTexts,
  checkComplaintDeadlines,
  checkPostMortem,
  checkReviewCycleDeclared,
  checkTransientFields,
  checkRuleScopes,
  checkThirdPartyCookies,
  checkCookieObjection,
  checkCollectedDirectly,
  checkForbiddenEdits,
  checkControllerAddress,
  // Issue 15.
  checkAnonymity,
];

export interface LintOptions {
  readonly sourceMap: SourceMap;
  readonly now: Date;
}

export function lintPolicy(model: PolicyModel, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = createLintContext(model, options.sourceMap, options.now, out);
  for (const rule of LINT_RULES) rule(ctx);
  return out;
}
