export * from './identity/actor';
export * from './identity/me';
export * from './audit/record';
export * from './audit/query';
export * from './audit/prune';
