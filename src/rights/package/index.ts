// The access package and the portability document: what the rights engine hands to the person (GDPR art. 15 and 20).
export { writeAccessPackage, type AccessPackageOptions, type AccessPackageResult } from './access-package.js';
export { writePortabilityDocument, PORTABILITY_FORMAT, type PortabilityDocument } from './portability.js';
export { ACCESS_PACKAGE_FORMAT, type PackageManifest } from './package-manifest.js';
export { summaryDocument, renderSummary, type SummaryInput } from './summary.js';
export type { PackagedCollection } from './found.js';
export { messageCopyMarkers, PACKAGED_MESSAGE_STATUSES, type PackagedMessage, type PackagedMessageFile } from './person-messages.js';
