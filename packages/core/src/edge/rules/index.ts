/**
 * Traffic and DNS rules of app instances (issue 12), the portal's one owner of the rule model:
 * - the MEC 010-2 AppD -> MEC 011 projection (an instance's initial rules) and an instance's current rules;
 * - edits (pure), a change's selection, preview and dry run (`dry-run/`), and its apply in one transaction;
 * - rule-set versions per node, restore, rollback, retry; the changes and versions as operators read them;
 * - a node's rules for the map; settling rollouts from agents' reports; an app's switches through Mp1.
 */
export * from './appd-rules';
export * from './instance-rules';
export * from './apply-rule-edits';
export * from './rule-set-diff';
export * from './resolve-rule-selection';
export * from './node-rule-sets';
export * from './commit-rule-change';
export * from './plan-rule-edits';
export * from './rule-changes';
export * from './read-rule-changes';
export * from './rule-set-versions';
export * from './restore-rule-sets';
export * from './node-rules';
export * from './settle-rule-rollouts';
export * from './app-rule-states';
export { dryRunReport, dryRunNode, type TDryRunNodeInput, type TInstanceRuleSet } from './dry-run';
