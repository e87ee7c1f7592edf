// The notice's public face within render.
export { renderNotice, noticeDocument, type NoticeOptions } from './notice.js';
export { explainNotice, explanationText, type ExplainedPiece, type NoticeExplanation } from './explain.js';
