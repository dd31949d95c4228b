'use client';
/**
 * The node registry: the tenant's nodes, newest first, searchable and filterable by status and
 * group, 25 at a time with "load more" (GET /api/v1/edge/nodes with its cursor); register a node,
 * import from CSV / GeoJSON, export GeoJSON; and the node groups.
 */
import { NODE_STATUSES, type TEdgeNode, type TNodeGroup, type TNodeStatus } from '@mecport/contracts';
import { Anchor, Badge, Button, Card, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useRelativeTime } from '@/components/ui/use-relative-time';
import { usePagedList } from '@/hooks/use-paged-list';
import { NodeGroups } from './node-groups';
import { NodesCrumbs } from './nodes-crumbs';
import { NodesExport } from './nodes-export';
import { NodesImport } from './nodes-import';
import { NodeStatusBadge } from './status-badge';
import { useApiJson } from '@/hooks/use-api-json';

const PAGE = 25;

const NO_STORE: RequestInit = { cache: 'no-store' };

function nodesPath(q: string, status: TNodeStatus | null, groupId: string | null): string {
  const p = new URLSearchParams({ limit: String(PAGE) });
  if (q) p.set('q', q);
  if (status) p.set('status', status);
  if (groupId) p.set('groupId', groupId);
  return `/api/v1/edge/nodes?${p}`;
}

/** `openImport`: start with the import dialog open (the `/edge-map/nodes/import` page). */
export function NodesList({ openImport = false }: { openImport?: boolean }) {
  const t = useTranslations('edgeMap.nodes');
  const tStatus = useTranslations('edgeMap.status');
  const relative = useRelativeTime();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const [status, setStatus] = useState<TNodeStatus | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const { items: nodes, nextCursor: next, problem, loadMore, reload } = usePagedList<TEdgeNode>(nodesPath(debouncedQ, status, groupId), { init: NO_STORE, clearOnPathChange: true });
  const groups = useApiJson<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const reloadAll = () => { reload({ clear: true }); groups.reload(); };


  const filtered = debouncedQ !== '' || status !== null || groupId !== null;
  return (
    <Stack gap="lg" maw={1200} data-testid="nodes-list">
      <NodesCrumbs />
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{t('description')}</Text>
        </Stack>
        <Group gap="xs">
          <NodesImport onImported={reloadAll} initiallyOpen={openImport} />
          <NodesExport />
          <Button component={Link} href="/edge-map/nodes/new" leftSection={<IconPlus size={16} aria-hidden="true" />} data-testid="create-node">{t('create')}</Button>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end" role="search" aria-label={t('searchLabel')}>
        <TextInput label={t('search')} placeholder={t('searchPlaceholder')} leftSection={<IconSearch size={16} aria-hidden="true" />} value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={100} data-testid="nodes-search" />
        <Select label={t('status')} placeholder={t('any')} clearable value={status} data={NODE_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))} onChange={(v) => setStatus(v as TNodeStatus | null)} data-testid="nodes-status" />
        <Select label={t('group')} placeholder={t('any')} clearable searchable value={groupId} data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} onChange={setGroupId} data-testid="nodes-group" />
      </Group>
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="nodes-error" />}
      {nodes === null && !problem && <Stack gap="xs" aria-busy="true" data-testid="nodes-loading">{[0, 1, 2, 3].map((i) => <Skeleton key={i} height={40} />)}</Stack>}
      {nodes?.length === 0 && (
        <Card withBorder padding="xl" data-testid="nodes-empty">
          <Stack align="center" gap="sm">
            <Text fw={600}>{filtered ? t('noMatchTitle') : t('emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">{filtered ? t('noMatchBody') : t('emptyBody')}</Text>
          </Stack>
        </Card>
      )}
      {nodes && nodes.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="nodes-table">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('name')}</Table.Th><Table.Th>{t('status')}</Table.Th><Table.Th>{t('region')}</Table.Th><Table.Th>{t('group')}</Table.Th><Table.Th>{t('labels')}</Table.Th><Table.Th>{t('lastHeartbeat')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {nodes.map((n) => (
                <Table.Tr key={n.id} data-testid="node-row" data-node-name={n.name}>
                  <Table.Td><Anchor component={Link} href={`/edge-map/nodes/${n.id}`} fw={600}>{n.name}</Anchor></Table.Td>
                  <Table.Td><NodeStatusBadge status={n.status} /></Table.Td>
                  <Table.Td>{[n.province, n.city, n.district].filter(Boolean).join(' / ') || '—'}</Table.Td>
                  <Table.Td>{n.groupName ?? '—'}</Table.Td>
                  <Table.Td><Group gap={4}>{Object.entries(n.labels).slice(0, 4).map(([k, v]) => <Badge key={k} size="xs" variant="outline" color="gray" tt="none">{k}={v}</Badge>)}</Group></Table.Td>
                  <Table.Td>{n.lastHeartbeatAt ? relative(new Date(n.lastHeartbeatAt)) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" w="fit-content" onClick={loadMore} data-testid="nodes-more">{t('more')}</Button>}
      <NodeGroups groups={groups.data?.items ?? null} problem={groups.problem} onChanged={reloadAll} />
    </Stack>
  );
}
