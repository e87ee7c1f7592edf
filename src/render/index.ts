// The render layer's public face: the privacy notice, the record of processing and the data map, from a PolicyModel alone.
export {
  renderNotice,
  explainNotice,
  explanationText,
  type NoticeOptions,
  type ExplainedPiece,
  type NoticeExplanation,
} from './notice/index.js';
export {
  renderRopa,
  buildRopaRecord,
  type RopaOptions,
  type RopaRecord,
  type RopaActivity,
  type RopaController,
  type RopaContact,
  type RopaErasure,
} from './ropa/index.js';
export { NOTICE_FORMATS, ROPA_FORMATS, type NoticeFormat, type RopaFormat } from './options.js';
export { renderDataMap, type DataMapOptions, type DataMapFormat } from './map/index.js';
export * from './toolkit.js';
