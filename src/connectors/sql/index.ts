// The shared SQL layer's face for the engine folders (sqlite, postgres, mysql); not exported beyond src/connectors.
export type {
  AnyDatabase,
  AnyExpressionBuilder,
  AnyQueryCreator,
  AnySelect,
  ClientRow,
  IntrospectContext,
  SelectStatement,
  SelectVariant,
  SqlAdapter,
} from './adapter.js';
export type { DateForm } from './dated.js';
export { SqlConnector, SQL_CAPABILITIES, DEFAULT_SAMPLE_SIZE, type SqlConnectorParts } from './connector.js';
export { introspectCatalog, type CatalogColumn, type CatalogReference } from './samples.js';
export { SqlSession } from './session.js';
export { Lru } from './lru.js';
export { pageLimit, probePage, probeThenStream } from './pages.js';
