/**
 * The edge, the feature's public entry:
 * - `nodes/`: a tenant's edge nodes and groups (CRUD, label selectors, filters, CSV import and
 *   export, status, detail, the map and its cache);
 * - `channel/`: what the MEP agent talks to (enrolment and agent credentials, the desired state
 *   and its revision, revision watch, heartbeats and reports, batching of agent reads and writes);
 * - `deployments/`: rolling an app version out to nodes, and the app instances that result;
 * - `rules/`: traffic and DNS rules of app instances, rule changes and their rollout, the nodes'
 *   rule-set versions (its own index says more);
 * - `alarms/`: fault alarms (raised once per fault, acknowledged by operators, cleared when the
 *   condition ends) and their reading.
 */
export * from './nodes/node-status';
export * from './nodes/label-selector';
export * from './nodes/nodes';
export * from './nodes/node-groups';
export * from './nodes/map-nodes';
export * from './nodes/map-nodes-cache';
export * from './nodes/node-detail';
export * from './nodes/node-import-parse';
export * from './nodes/node-import';
export * from './nodes/node-export';
export * from './channel/enrolment';
export * from './channel/agent-credentials';
export * from './channel/revision';
export * from './channel/revision-watch';
export * from './channel/desired-state';
export * from './channel/agent-reports';
export * from './channel/batching';
export * from './deployments/create-deployment';
export * from './deployments/advance-deployment';
export * from './deployments/read-deployments';
export * from './deployments/settle-targets';
export * from './deployments/stop-deployment';
export * from './deployments/instances';
export * from './deployments/start-deployment';
export * from './deployments/stop-and-read-deployment';
export * from './deployments/node-package';
export * from './deployments/declared-ports';
export * from './deployments/app-workload';
export * from './deployments/node-runtime-check';
export * from './deployments/retire-instance';
export * from './alarms/alarms';
export * from './alarms/read-alarms';
export * from './rules';
