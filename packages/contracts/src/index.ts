export * from './identity';
export * from './demo-realm';
