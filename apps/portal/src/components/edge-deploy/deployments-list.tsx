'use client';
/**
 * The tenant's deployments, newest first ("load more"): app and version, kind, status, how many
 * nodes are in each target status, who started it and when; an empty state that offers a new one.
 */
import type { TDeployment, TNodeGroup } from '@mecport/contracts';
import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { CreatedBy } from './created-by';
import { TARGET_STATUS_COLORS, progressOfCounts, type TTargetStatus } from './deployment-progress';
import { EdgeCrumbs } from './edge-crumbs';
import { DeploymentStatusBadge } from './status-badges';
import { TargetSummary } from './target-summary';
import { useApiResource } from '@/hooks/use-api-resource';
import { usePagedList } from '@/hooks/use-paged-list';

const PAGE_SIZE = 20;
const NO_STORE: RequestInit = { cache: 'no-store' };
const COUNT_ORDER: readonly TTargetStatus[] = ['applying', 'pending', 'succeeded', 'rolled_back', 'failed', 'skipped'];

function TargetCounts({ deployment }: { deployment: TDeployment }) {
  const t = useTranslations('edgeDeploy');
  const progress = progressOfCounts(deployment.counts);
  const shown = COUNT_ORDER.filter((s) => deployment.counts[s] > 0);
  return (
    <Group gap={4} role="group" aria-label={t('list.countsLabel', { settled: progress.settled, total: progress.total })} data-testid="deployment-counts">
      {shown.map((s) => (
        <Badge key={s} size="sm" variant="dot" color={TARGET_STATUS_COLORS[s]} data-status={s} data-count={deployment.counts[s]}>
          {t('list.count', { count: deployment.counts[s], status: t(`status.target.${s}`) })}
        </Badge>
      ))}
    </Group>
  );
}

export function DeploymentsList() {
  const t = useTranslations('edgeDeploy');
  const format = useFormatter();
  const { items, nextCursor: next, problem, loading, loadMore, reload } = usePagedList<TDeployment>(`/api/v1/edge/deployments?limit=${PAGE_SIZE}`, { init: NO_STORE });
  const groups = useApiResource<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');

  const create = (
    <Button component={Link} href="/edge-map/deployments/new" leftSection={<IconPlus size={16} aria-hidden="true" />} data-testid="new-deployment-button">
      {t('list.new')}
    </Button>
  );

  return (
    <Stack gap="lg" maw={1200} data-testid="deployments-list">
      <EdgeCrumbs current={t('list.title')} />
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('list.title')}</Title>
          <Text c="dimmed">{t('list.description')}</Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => reload()} loading={loading && items !== null} leftSection={<IconRefresh size={16} aria-hidden="true" />} data-testid="deployments-refresh">
            {t('common.refresh')}
          </Button>
          {items && items.length > 0 && create}
        </Group>
      </Group>
      {problem && <ProblemAlert heading={t('list.failed')} problem={problem} testId="deployments-error" />}
      {items === null && !problem && <Stack gap="xs" aria-busy="true" data-testid="deployments-loading">{[0, 1, 2].map((i) => <Skeleton key={i} height={44} />)}</Stack>}
      {items?.length === 0 && (
        <Card withBorder padding="xl" data-testid="deployments-empty">
          <Stack align="center" gap="sm">
            <Text fw={600}>{t('list.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">{t('list.emptyBody')}</Text>
            {create}
          </Stack>
        </Card>
      )}
      {items && items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="deployments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.app')}</Table.Th><Table.Th>{t('list.kind')}</Table.Th><Table.Th>{t('list.status')}</Table.Th><Table.Th>{t('list.nodes')}</Table.Th>
                <Table.Th>{t('list.target')}</Table.Th><Table.Th>{t('list.createdBy')}</Table.Th><Table.Th>{t('list.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id} data-testid="deployment-row" data-deployment-id={d.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/edge-map/deployments/${d.id}`} fw={600}>{t('list.appVersion', { app: d.appName, version: d.version })}</Anchor>
                  </Table.Td>
                  <Table.Td>{t(`kind.${d.kind}`)}</Table.Td>
                  <Table.Td><DeploymentStatusBadge status={d.status} /></Table.Td>
                  <Table.Td><TargetCounts deployment={d} /></Table.Td>
                  <Table.Td><TargetSummary target={d.target} groups={groups.data?.items} /></Table.Td>
                  <Table.Td><CreatedBy subject={d.createdBy} name={d.createdByName} /></Table.Td>
                  <Table.Td>{format.dateTime(new Date(d.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" w="fit-content" onClick={loadMore} loading={loading} data-testid="deployments-more">{t('common.loadMore')}</Button>}
    </Stack>
  );
}
