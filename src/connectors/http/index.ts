// The HTTP engine: what `openConnector` loads for `kind: http`, and the signature helpers providers use to check calls.
import type { ConnectorEngine } from '../engine.js';
import { openHttp } from './connector.js';

export const httpEngine: ConnectorEngine = { kind: 'http', open: (target, options) => openHttp(target, options) };
export { CUSTOS_SIGNATURE_HEADER, DEFAULT_SIGNATURE_TOLERANCE_SECONDS, signCustosBody, verifyCustosSignature } from './signature.js';
