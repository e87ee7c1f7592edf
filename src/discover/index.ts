// Discovery: proposes categories for columns and drafts manifest datasets from live stores.
export { proposeCategory, fieldTypeOf, isCardNumber, isIban, type Proposal } from './detectors.js';
export { draftDataset, type DatasetDraft, type DraftOptions } from './draft.js';
