'use client';
/**
 * A deployment's nodes batch by batch, in rollout order: each batch's progress, then every node
 * with its target status, the state its app instance reported, the message (a failure, a
 * rollback, why it was skipped), whether its instance was withdrawn, and a link to the instance.
 */
import type { TDeploymentDetail } from '@mecport/contracts';
import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { batchesOf } from './deployment-progress';
import { DeploymentProgressBar } from './deployment-progress-bar';
import { InstanceStateBadge, TargetStatusBadge } from './status-badges';

type TTarget = TDeploymentDetail['targets'][number];

function TargetRow({ target }: { target: TTarget }) {
  const t = useTranslations('edgeDeploy.detail');
  const tc = useTranslations('edgeCleanup');
  return (
    <Table.Tr data-testid="target-row" data-node-id={target.nodeId} data-status={target.status}>
      <Table.Td data-testid="target-node"><Anchor component={Link} href={`/edge-map/nodes/${target.nodeId}`} fw={600} size="sm">{target.nodeName}</Anchor></Table.Td>
      <Table.Td><TargetStatusBadge status={target.status} /></Table.Td>
      <Table.Td>{target.instanceState ? <InstanceStateBadge state={target.instanceState} /> : <Text size="sm" c="dimmed">{t('noInstance')}</Text>}</Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="target-message">{target.message ?? ''}</Text>
        {target.instanceWithdrawn && <Text size="xs" c="dimmed" data-testid="target-withdrawn">{tc('targetWithdrawn')}</Text>}
      </Table.Td>
      <Table.Td>
        {target.appInstanceId && (
          <Anchor component={Link} href={`/edge-map/instances/${target.appInstanceId}`} size="sm" data-testid="target-instance-link"
            aria-label={t('instanceOnNode', { node: target.nodeName })}>
            {t('instance')}
          </Anchor>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function DeploymentBatches({ targets }: { targets: readonly TTarget[] }) {
  const t = useTranslations('edgeDeploy.detail');
  return (
    <Stack gap="md" component="section" aria-labelledby="deployment-batches-title">
      <Title order={2} size="h3" id="deployment-batches-title">{t('batches')}</Title>
      {batchesOf(targets).map(({ batch, targets: inBatch, progress }) => (
        <Card key={batch} withBorder padding="md" data-testid="deployment-batch" data-batch={batch}>
          <Stack gap="sm">
            <DeploymentProgressBar progress={progress} size="sm" label={t('batch', { number: batch + 1 })} testId="batch-progress" />
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('node')}</Table.Th><Table.Th>{t('targetStatus')}</Table.Th><Table.Th>{t('instanceState')}</Table.Th><Table.Th>{t('message')}</Table.Th><Table.Th>{t('instance')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>{inBatch.map((target) => <TargetRow key={target.nodeId} target={target} />)}</Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
