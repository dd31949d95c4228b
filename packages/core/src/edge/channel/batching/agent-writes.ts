/**
 * Reports and heartbeats as the portal records them: group-committed (GroupCommit), then the
 * deployment targets of the reporting nodes are settled in one go. Recording is idempotent, so a
 * batch retried item by item after a failure records nothing twice.
 *
 * @example
 *   const writes = new AgentWrites(() => getPrisma());
 *   await writes.report(agent, body);   // resolves when recorded and its targets settled
 */
import type { THeartbeat, TNodeReport } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordHeartbeats, recordNodeReports, type TAgentNode, type THeartbeatItem, type TReportItem } from '../agent-reports';
import { advanceDeploymentsOfNodes } from '../../deployments/advance-deployment';
import { GroupCommit } from './group-commit';

const byNode = (item: { node: TAgentNode }) => item.node.nodeId;
const HEARTBEAT_LINGER_MS = 250;

export class AgentWrites {
  private readonly reports: GroupCommit<TReportItem>;
  private readonly heartbeats: GroupCommit<THeartbeatItem>;

  constructor(db: () => DbClient) {
    this.reports = new GroupCommit<TReportItem>(async (items) => {
      await recordNodeReports(db(), items);
      await advanceDeploymentsOfNodes(db(), items.map(byNode));
    }, byNode);
    // Nobody waits on a heartbeat's answer: 250 ms of gathering turns a steady 100/s into a few
    // transactions a second. Reports settle rollouts, so they go at once.
    this.heartbeats = new GroupCommit<THeartbeatItem>(async (items) => {
      await recordHeartbeats(db(), items);
      await advanceDeploymentsOfNodes(db(), items.map(byNode));
    }, byNode, { lingerMs: HEARTBEAT_LINGER_MS });
  }

  report(node: TAgentNode, report: TNodeReport): Promise<void> {
    return this.reports.submit({ node, report });
  }

  heartbeat(node: TAgentNode, beat: THeartbeat): Promise<void> {
    return this.heartbeats.submit({ node, beat, at: new Date() });
  }
}
