// The web pages' public face: the server registers the privacy center from here.
export { registerPrivacyCenter, type PrivacyCenterOptions } from './routes.js';
export { registerConsole, type ConsoleOptions } from './console/routes.js';
export type { ConsoleAuth, ConsoleEnrolment, ConsoleSignIn } from './console/auth.js';
export { Layout, htmlPage, withLang, say, type PageContext } from './layout.js';
export { pageLanguage, LANG_COOKIE } from './language.js';
export { webMessagesFor, type WebMessages } from './messages/index.js';
export { WEB_STYLESHEET } from './style.js';
export { registerOversightPages, type OversightOptions, type OversightServices } from './console/oversight-routes.js';
export { HISTORY_ROWS, HISTORY_SCAN, type ReadRetention, type RetentionReading } from './console/retention.js';
