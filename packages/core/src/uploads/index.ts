/** Package uploads: the upload lifecycle and blob bookkeeping (the codec job that validates a completed upload is ../package-validation). */
export * from './uploads';
export * from './mappers';
export * from './blob-gc';
export * from './architecture';
export * from './expire-uploads';
export * from './download';
export * from './delete-version-package';
