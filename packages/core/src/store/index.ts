/** The store: a developer's apps and their versions, and the public catalog with its ratings, comments and downloads. */
export * from './find-app';
export * from './create-app';
export * from './update-app';
export * from './get-app';
export * from './register-version';
export * from './publish-gate';
export * from './publish-version';
export * from './deprecate-version';
export * from './delete-version';
export * from './list-versions';
export * from './ratings';
export * from './comments';
export * from './record-download';
export * from './appd-summary';
export * from './store-app-detail';
export * from './catalog';
export * from './catalog-cache';
