/** `@mecport/sandbox`: the MEC sandbox engine (issue 13). */
export { createClock, createEngine, type TClock, type TClockMode } from './engine/index';
export type { TEngine, TWorldView } from './engine/engine';
export { listScenarios, loadScenario, loadScenarioFile, resolveScenario, ScenarioError, SCENARIOS_DIR, summarize, type TScenarioIssue } from './scenario/index';
export type { TSandboxNetwork, TSandboxNetworkFactory } from './isolation/sandbox-network';
export type { TCreateSite, TSite, TSiteOptions, TSiteUpdate } from './site/site';
export { createSite, createSiteWith, type TCreateSiteExtras } from './site/index';
