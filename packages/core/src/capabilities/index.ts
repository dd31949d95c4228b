/**
 * The API-capability catalog (issue 13), the feature's public entry: the MEC platform capabilities
 * with their official OpenAPI documents (vendored in `specs/`, BSD-3-Clause), the third-party
 * services published apps produce and agents report, used-by and provided-by, search, and store
 * admins' curation.
 */
export * from './platform-capabilities';
export { capabilityId } from './capability-id';
export { mecSpecDocument, mecSpecSummary } from './mec-specs';
export { canCurate, CURATOR_ROLES } from './curation';
export type { TCatalogCaller } from './capability-index';
export * from './capability-list';
export { getCapability } from './capability-detail';
export * from './curate-capability';
