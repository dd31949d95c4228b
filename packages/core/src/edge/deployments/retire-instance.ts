/**
 * An app instance leaves its node's desired state for good, saying why: terminated by an operator,
 * or withdrawn because its deployment failed on the node (it never got running there). It is
 * desired REMOVED from now on; the agent stops it and reports it gone (then `removedAt`). A
 * withdrawn instance of a node that never enrolled is removed at once: no agent will ever report.
 *
 * Its open alarms are cleared with the reason. A withdrawal clears only the crash-loop alarm (the
 * crash loop ends with the instance); a digest mismatch says something about the node and its
 * package, and stays for an operator.
 */
import type { TTerminationReason } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { clearInstanceAlarms } from '../alarms/alarms';

/** Call after the node's revision was bumped in the same transaction (node rows before instance rows). */
export async function retireInstance(tx: DbExecutor, appInstanceId: string, reason: TTerminationReason): Promise<{ clearedAlarms: number }> {
  const row = await tx.appInstance.findUniqueOrThrow({ where: { id: appInstanceId }, select: { node: { select: { enrolledAt: true } } } });
  const now = new Date();
  await tx.appInstance.update({
    where: { id: appInstanceId },
    data: {
      terminatedAt: now, desiredState: 'REMOVED', terminationReason: reason,
      ...(reason === 'operator' ? { state: 'STOPPING' } : row.node.enrolledAt === null ? { removedAt: now, state: 'REMOVED' } : {}),
    },
  });
  const clearedAlarms = reason === 'operator'
    ? await clearInstanceAlarms(tx, [appInstanceId], 'instance_terminated')
    : await clearInstanceAlarms(tx, [appInstanceId], 'instance_withdrawn', ['instance_crash_loop']);
  return { clearedAlarms };
}
