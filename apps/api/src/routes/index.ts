/** Every API route, in the order the OpenAPI document lists them. Add new route modules here. */
export * from './health';
export * from './me';
export * from './auth';
export * from './audit';
export * from './store-catalog';
export * from './store-apps';
export * from './uploads';
export * from './uploads-tus';
export * from './store-download';
export * from './mec010-app-packages';
export * from './edge-nodes';
export * from './edge-node-io';
export * from './edge-channel';
export * from './edge-deployments';
export * from './edge-rules';
export * from './capabilities';
export * from './sandboxes';
