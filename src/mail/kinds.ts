// The request kinds a message names, as the desk's store knows them: a kind added to the desk and not here is a type error.
import type { RequestFilter } from '../store/index.js';

/** The desk's request kinds (src/workflow's `REQUEST_KINDS`, which mail may not import: workflow imports mail). */
export type MailRequestKind = NonNullable<RequestFilter['kinds']>[number];

const KINDS = {
  access: true,
  portability: true,
  rectification: true,
  erasure: true,
  'account-closure': true,
  restriction: true,
  'restriction-lift': true,
  objection: true,
  'withdraw-consent': true,
  'post-mortem': true,
} as const satisfies Record<MailRequestKind, true>;

export const MAIL_REQUEST_KINDS = Object.keys(KINDS) as [MailRequestKind, ...MailRequestKind[]];
