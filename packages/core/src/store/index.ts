/**
 * The store, the feature's public entry: `apps/` holds what a developer does with their own apps
 * and versions (create, edit, register, publish, deprecate, delete); `catalog/` holds what every
 * signed-in user sees of the published ones (catalog listing and search, an app's store page,
 * ratings, comments, downloads).
 */
export * from './apps/find-app';
export * from './apps/create-app';
export * from './apps/update-app';
export * from './apps/get-app';
export * from './apps/register-version';
export * from './apps/publish-gate';
export * from './apps/publish-version';
export * from './apps/appd-id-owner';
export * from './apps/app-provider-check';
export * from './apps/deprecate-version';
export * from './apps/delete-version';
export * from './apps/list-versions';
export * from './catalog/catalog';
export * from './catalog/catalog-cache';
export * from './catalog/store-app-detail';
export * from './catalog/appd-summary';
export * from './catalog/ratings';
export * from './catalog/comments';
export * from './catalog/record-download';
