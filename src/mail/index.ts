// The request desk's e-mail: the public face. Templates in en/fr/fr-CA, rendered from the outbox and sent over SMTP, or kept.
export {
  TEMPLATE_IDS,
  TEMPLATE_PARAMS,
  isTemplateId,
  blockerSchema,
  SECRET_PARAMS,
  secretParamsOf,
  type ClosureBlocker,
  type TemplateId,
  type TemplateParams,
} from './templates.js';
export { MAIL_REQUEST_KINDS, type MailRequestKind } from './kinds.js';
export { checkParams, checkTemplateId, messageParams } from './params.js';
export type { MessageBlock, MessageContent } from './content.js';
export {
  mailLanguage,
  messageContent,
  renderMessage,
  renderOutboxMessage,
  type MailRenderOptions,
  type RenderedMessage,
} from './render.js';
export { renderMessageCopy, type CopyMarkers, type MessageCopy } from './package-copy.js';
export { nodemailerTransport, outboxOnly, type MailTransport, type NodemailerLike, type OutgoingMail } from './transport.js';
export { mailTransportFromEnv, smtpConfigFromEnv, smtpFailure, smtpTransport, type SmtpConfig } from './smtp.js';
export { MAIL_SEND_STATUSES, sendQueued, type MailSendResult, type MailSendStatus, type SendQueuedOptions } from './send.js';
export { MAIL_SEND_KEY, mailJobs, mailSendHandler, queueMailSend, type MailJobOptions } from './jobs.js';
