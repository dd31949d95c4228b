export * from './identity';
export * from './demo-realm';
export * from './errors';
export * from './problem';
export * from './pagination';
