/** The app's modules (plain ESM in the package folder, typed by JSDoc), for the tests. */
export * from '../../package/Artifacts/Deployment/Process/lib/location-client.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/mp1-client.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/zone-log.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/page.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/watcher.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/env.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/http-server.mjs';
export * from '../../package/Artifacts/Deployment/Process/lib/own-address.mjs';
