/**
 * The wire contract between the service and its clients (the tab, the bot's cards, the dev chat):
 * DTOs, error codes, the VM-id rules, paths and limits. Dependency-free: nothing here imports
 * from src/, bot/, tab/ or any package.
 */
export * from './api.ts';
export * from './auto-shutdown.ts';
export * from './cost.ts';
export * from './errors.ts';
export * from './operation.ts';
export * from './power.ts';
export * from './scopes.ts';
export * from './time-zones.ts';
export * from './vm-details.ts';
export * from './vm-id.ts';
export * from './vm.ts';
