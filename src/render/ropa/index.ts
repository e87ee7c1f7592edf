// The record of processing's public face within render.
export { renderRopa, type RopaOptions } from './ropa.js';
export { buildRopaRecord, type RopaRecord, type RopaActivity, type RopaController, type RopaContact, type RopaErasure } from './record.js';
