/** Scenarios: the YAML + GeoJSON files, their loader and the shipped catalog. */
export { listScenarios, loadScenario, SCENARIOS_DIR, summarize } from './scenario-catalog';
export { loadScenarioFile } from './load-scenario';
export { resolveScenario } from './resolve-scenario';
export { ScenarioError, type TScenarioIssue } from './scenario-error';
