/** `@mecport/core`: the domain services, one folder per feature (see ../README.md); each feature's index says what it offers. */
export * from './identity';
export * from './audit';
export * from './store';
export * from './uploads';
export * from './mec010';
export * from './edge';
export * from './shared/keyset-cursor';
export * from './shared/job-queue';
export * from './shared/cached-answer';
export * from './capabilities';
export * from './sandbox';
