/** Package uploads: the upload lifecycle, blob bookkeeping and job sending (the codec job is in ./validate-upload). */
export * from './uploads';
export * from './mappers';
export * from './blob-gc';
export * from './architecture';
export * from './job-queue';
export * from './staging';
export * from './expire-uploads';
export * from './download';
