// Discovery: proposes categories for columns and drafts manifest datasets from live stores.
export { proposeCategory, isCardNumber, isIban, looksHashed, type ColumnContext, type Proposal } from './detectors.js';
export { fieldTypeOf } from './field-types.js';
export { wordsOf } from './words.js';
export { draftDataset, type DatasetDraft, type DraftOptions } from './draft.js';
