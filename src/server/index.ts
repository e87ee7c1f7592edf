// The server's public face: buildServer, its options, the permission table and the interfaces the store will implement.
export { buildServer, type CustosServer } from './server.js';
export { LOG_LEVELS, resolveServerConfig, type LogLevel, type ServerConfig, type ServerOptions } from './config.js';
export { STATUS_BY_CODE } from './error-statuses.js';
export type { ErrorBody } from './error-handler.js';
export { ACCESS_LEVELS, type RouteAccess } from './permissions.js';
// The roles and their permissions are src/workflow's (the store keeps accounts in the same words): re-exported here
// for whoever embeds the server.
export { PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES, roleAllows, type Permission, type StaffRole } from '../workflow/index.js';
export {
  SESSION_STAGES,
  type SessionStage,
  type StaffDirectory,
  type StaffMember,
  type StaffSession,
  type StaffSessionStore,
  type StaffTotp,
} from './staff/directory.js';
export { InMemoryStaffDirectory, InMemoryStaffSessions } from './staff/in-memory.js';
export { storeStaffAccounts, storeStaffDirectory, storeStaffSessions, type StaffAccounts } from './staff/store-accounts.js';
export {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  newStaffPassword,
  PASSWORD_HASHING,
  verifyPassword,
} from './staff/passwords.js';
export { addStaffAccount, checkNewPassword, disableStaffAccount, type NewStaffAccount } from './staff/accounts.js';
export { API_KEY_SCOPES, apiKeySecretHash, checkApiKeyScopes, createApiKey, findApiKey, type ApiKeyScope } from './api-keys.js';
export { totpCode } from './staff/totp.js';
