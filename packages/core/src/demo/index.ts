/**
 * `@mecport/core/demo`: the demo store, imported by `npm start` after the seed (a subpath of its
 * own, so the portal never bundles the package builder).
 *
 * @example
 * import { importDemoStore } from '@mecport/core/demo';
 * await importDemoStore({ db: prisma });
 */
export { importDemoStore, type TDemoImportOptions } from './import-demo-store';
export type { TDemoImportResult } from './demo-result';
export { buildDemoPackage, DEMO_RELEASE_DATE } from './build-demo-package';
export { demoAppFiles, writeDemoAppFolder } from './demo-app-folder';
export { DEMO_SAMPLES_DIR } from './import-demo-samples';
export { demoUploadId } from './demo-context';
export { importHelloEdge, HELLO_EDGE } from './import-hello-edge';
export { importZoneWatcher, ZONE_WATCHER } from './import-zone-watcher';
export { importHelloContainer, HELLO_CONTAINER } from './import-hello-container';
export { DEMO_NODE, DEMO_NODE_RUNTIME, demoEnrolmentToken, ensureDemoDeployment, ensureDemoNode } from './demo-edge-node';
