// Building blocks for other layers that compose documents from a PolicyModel (the access package's summary page).
export * from './context.js';
export * from './document/tree.js';
export { toHtml } from './document/html.js';
export { STYLESHEET } from './document/stylesheet.js';
export { escapeHtml, safeHref } from './document/escape.js';
export { colon, typeset, NBSP, NNBSP } from './document/typography.js';
export { agree, type Agreement } from './i18n/agreement.js';
export { contactTerms, controllerIdentity } from './notice/organization.js';
export { rightsSection } from './notice/rights.js';
export { placesSection } from './notice/sharing.js';
export * from './words.js';
export { pick, pickLanguage } from './options.js';
export { messagesFor } from './i18n/index.js';
