/**
 * The MEC sandbox, the feature's public entry (issue 13): the portal's rows of the sandboxes the
 * sandbox host runs, who may see and drive them, the tenant quota and the time to live, the
 * store's "try it", and expiry. Core drives the host over its control API (`host-client.ts`, the
 * contract in `@mecport/contracts/sandbox`); it never imports `sandbox/`.
 */
export * from './sandbox-deps';
export * from './host-client';
export * from './access';
export * from './scenarios';
export * from './create-sandbox';
export * from './read-sandboxes';
export * from './delete-sandbox';
export * from './drive-sandbox';
export * from './deploy-sandbox';
export * from './observe-sandbox';
export * from './experience';
export { SITE_LOST_REASON } from './host-state';
