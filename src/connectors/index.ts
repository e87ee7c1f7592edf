// The connectors' public face: open a dataset's store, and the Connector interface engines program against.
export type {
  Connector,
  ConnectorCapabilities,
  ConnectorSession,
  DatedSelection,
  FindOptions,
  IntrospectedCollection,
  IntrospectedColumn,
  Row,
  RowExpiry,
  RowUpdate,
  Selection,
  Value,
  Where,
} from './connector.js';
export { openConnector, connectUrl, storeKindOfUrl, type OpenConnectorOptions } from './open.js';
export { createConnectorPool, type ConnectorPool, type ConnectorPoolOptions } from './pool.js';
export { rowsAtOnce } from './pages.js';
export { keyWhere } from './selection.js';
export { primaryKeyOf, toKeyValue, type KeyValue } from './row-keys.js';
export { resolveStoreTarget, type StoreTarget } from './target.js';
export { IDENTIFIER, checkIdentifier } from './identifiers.js';
export { signCustosBody, verifyCustosSignature, CUSTOS_SIGNATURE_HEADER } from './http/signature.js';
export { REDIS_KEY_FIELD, REDIS_MEMBER_FIELD, REDIS_VALUE_FIELD, type RedisIntrospectedCollection } from './redis/rows.js';
