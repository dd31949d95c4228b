/** The dry run of a rule change (issue 12): conflicts, per-node diff and flows in words. Pure. */
export type { TDryRunNodeInput, TInstanceRuleSet } from './dry-run-input';
export { dryRunNode, dryRunReport } from './dry-run';
