export * from './identity';
export * from './demo-realm';
export * from './errors';
export * from './problem';
export * from './pagination';
export * from './audit';
export * from './jobs';
export * from './env-values';
