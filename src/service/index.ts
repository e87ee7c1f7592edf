// Custos as a running service: the public face `custos serve` and `npm start` call.
export { startService, type Service } from './service.js';
export { resolveServiceOptions, storeLocation, type ServiceConfig, type ServiceOptions, type StoreLocation } from './options.js';
export { openServiceState, type ServiceState } from './state.js';
export { every, housekeep, type HousekeepingPass } from './housekeeping.js';
