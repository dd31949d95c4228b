/**
 * The operator API of rules beside `./edge-rules` (issue 12): path parameters and pages. Lists
 * carry summaries (a change to 1,000 nodes has 1,000 rollout rows and its diff); one item's GET
 * carries everything.
 */
import { z } from 'zod';
import { ZPage } from './pagination';
import { ZRuleChange, ZRuleSetVersion } from './edge-rules';

export const ZRuleChangeParams = z.object({ changeId: z.uuid() });
export const ZRuleSetParams = z.object({ nodeId: z.uuid(), version: z.coerce.number().int().min(0).max(2_147_483_647) });

/** A change in a list: its rollout counts and status, without the per-node rows and the diff. */
export const ZRuleChangeSummary = ZRuleChange.omit({ nodes: true, diff: true }).extend({ nodeCount: z.int(), changeCount: z.int() }).meta({ id: 'RuleChangeSummary' });
export type TRuleChangeSummary = z.infer<typeof ZRuleChangeSummary>;
export const ZRuleChangePage = ZPage(ZRuleChangeSummary).meta({ id: 'RuleChangePage' });

/** A rule-set version in a list, without its rules. */
export const ZRuleSetVersionSummary = ZRuleSetVersion.omit({ instances: true }).extend({ instanceCount: z.int(), ruleCount: z.int() }).meta({ id: 'RuleSetVersionSummary' });
export type TRuleSetVersionSummary = z.infer<typeof ZRuleSetVersionSummary>;
export const ZRuleSetVersionPage = ZPage(ZRuleSetVersionSummary).meta({ id: 'RuleSetVersionPage' });
