/**
 * What the dry run reads for one node: every app instance on it, with its rules before the change
 * and after it. The caller (the rule-change service) builds these from the node's current rule-set
 * version and the edits; the dry run itself is pure (no I/O), so it can run for 1,000 nodes at once.
 */
import type { TDataPlane, ZInstanceRuleSet } from '@mecport/contracts';
import type { z } from 'zod';

/** The data planes an adapter drives (`TUpfAdapterKind` of `@mecport/upf-adapters`). */
export type TUpfAdapterKind = TDataPlane['adapter'];
export type TInstanceRuleSet = z.infer<typeof ZInstanceRuleSet>;

export interface TDryRunNodeInput {
  nodeId: string;
  nodeName: string;
  /** The node's data plane: the dry run checks each rule against what it can express. */
  adapter: TUpfAdapterKind;
  /** Every instance on the node before the change (an instance the change adds is absent). */
  before: TInstanceRuleSet[];
  /**
   * Every instance on the node after the change. An instance the change leaves alone may carry the
   * very arrays it has in `before`: the diff then skips it (so never edit those arrays in place).
   */
  after: TInstanceRuleSet[];
}
