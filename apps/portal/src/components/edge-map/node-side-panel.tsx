'use client';
/**
 * The map's side panel for one node (GET /api/v1/edge/nodes/{id}, re-read every 10 s): its facts
 * and last hour of metrics, its app instances (linking to their pages), Mp1 services and its
 * traffic and DNS rules as applied (edge-rules/node-rules), and the topology view. Escape or the close button closes it.
 */
import type { TNodeDetail } from '@mecport/contracts';
import { ActionIcon, Anchor, Badge, Button, Card, CloseButton, Group, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconExternalLink, IconRocket, IconSquareCheck, IconSquare } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { NodeRules } from '@/components/edge-rules/node-rules';
import { MetricsChart } from './metrics-chart';
import { NodeFacts } from './node-facts';
import { NodeTopology } from './node-topology';
import { deployHref } from './selection-model';
import { NodeStatusBadge } from './status-badge';
import { useApiJson } from '@/hooks/use-api-json';

export interface TNodeSidePanelProps { nodeId: string; selected: boolean; onToggleSelect: () => void; onClose: () => void }

function Instances({ detail }: { detail: TNodeDetail }) {
  const t = useTranslations('edgeMap.panel');
  if (detail.instances.length === 0) return <Text size="sm" c="dimmed" data-testid="instances-empty">{t('noInstances')}</Text>;
  return (
    <Table striped withRowBorders={false} data-testid="node-instances">
      <Table.Thead><Table.Tr><Table.Th>{t('app')}</Table.Th><Table.Th>{t('state')}</Table.Th><Table.Th>{t('restarts')}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {detail.instances.map((i) => (
          <Table.Tr key={i.appInstanceId}>
            <Table.Td><Anchor component={Link} href={`/edge-map/instances/${i.appInstanceId}`} size="sm">{i.appName} {i.version}</Anchor></Table.Td>
            <Table.Td><Group gap={4}><Badge size="sm" variant="light" color={i.state === 'RUNNING' ? 'green' : i.state === 'FAILED' || i.state === 'CRASH_LOOP' ? 'red' : 'gray'}>{i.state}</Badge>{i.ready && <Badge size="sm" variant="outline" color="green">{t('ready')}</Badge>}</Group></Table.Td>
            <Table.Td>{i.restarts}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Services({ detail }: { detail: TNodeDetail }) {
  const t = useTranslations('edgeMap.panel');
  if (detail.services.length === 0) return <Text size="sm" c="dimmed">{t('noServices')}</Text>;
  return (
    <Table withRowBorders={false} data-testid="node-services">
      <Table.Thead><Table.Tr><Table.Th>{t('service')}</Table.Th><Table.Th>{t('version')}</Table.Th><Table.Th>{t('state')}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {detail.services.map((s) => <Table.Tr key={s.serInstanceId}><Table.Td>{s.serName}</Table.Td><Table.Td>{s.version}</Table.Td><Table.Td>{s.state}</Table.Td></Table.Tr>)}
      </Table.Tbody>
    </Table>
  );
}

function Apps({ detail }: { detail: TNodeDetail }) {
  const t = useTranslations('edgeMap.panel');
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">{t('instances')}</Title>
      <Instances detail={detail} />
      <Title order={3} size="h5">{t('services')}</Title>
      <Services detail={detail} />
      <Title order={3} size="h5">{t('rules')}</Title>
      <NodeRules nodeId={detail.node.id} />
    </Stack>
  );
}

export function NodeSidePanel({ nodeId, selected, onToggleSelect, onClose }: TNodeSidePanelProps) {
  const t = useTranslations('edgeMap.panel');
  const { data, loadedPath, problem } = useApiJson<TNodeDetail>(`/api/v1/edge/nodes/${nodeId}`, { pollMs: 10_000 });
  const detail = loadedPath === `/api/v1/edge/nodes/${nodeId}` ? data : null;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [nodeId, detail?.node.id]);

  return (
    <Card withBorder padding="md" component="aside" aria-labelledby="node-panel-title" data-testid="node-panel" data-node-id={nodeId}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Stack gap={4}>
          <Title order={2} size="h4" id="node-panel-title" ref={heading} tabIndex={-1} data-testid="node-panel-name">{detail?.node.name ?? t('loading')}</Title>
          {detail && <NodeStatusBadge status={detail.node.status} />}
        </Stack>
        <CloseButton onClick={onClose} aria-label={t('close')} data-testid="node-panel-close" />
      </Group>
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="node-panel-error" />}
      {!detail && !problem && <Stack gap="xs" aria-busy="true">{[0, 1, 2, 3].map((i) => <Skeleton key={i} height={22} />)}</Stack>}
      {detail && (
        <Stack gap="sm">
          <Group gap="xs">
            <Button size="xs" variant={selected ? 'filled' : 'light'} leftSection={selected ? <IconSquareCheck size={14} aria-hidden="true" /> : <IconSquare size={14} aria-hidden="true" />}
              onClick={onToggleSelect} aria-pressed={selected} data-testid="node-panel-select">{selected ? t('selected') : t('select')}</Button>
            <Button size="xs" variant="light" component={Link} href={deployHref([nodeId])} leftSection={<IconRocket size={14} aria-hidden="true" />}>{t('deploy')}</Button>
            <ActionIcon variant="subtle" component={Link} href={`/edge-map/nodes/${nodeId}`} aria-label={t('openNode')} title={t('openNode')} data-testid="node-panel-open"><IconExternalLink size={16} aria-hidden="true" /></ActionIcon>
          </Group>
          <Tabs defaultValue="overview" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">{t('overview')}</Tabs.Tab>
              <Tabs.Tab value="apps" data-testid="node-panel-apps-tab">{t('appsTab', { count: detail.instances.length })}</Tabs.Tab>
              <Tabs.Tab value="topology" data-testid="node-panel-topology-tab">{t('topology')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="sm">
              <Stack gap="sm">
                <NodeFacts node={detail.node} />
                <Title order={3} size="h5">{t('metrics')}</Title>
                <MetricsChart metrics={detail.metrics} now={Date.now()} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="apps" pt="sm"><Apps detail={detail} /></Tabs.Panel>
            <Tabs.Panel value="topology" pt="sm"><NodeTopology detail={detail} /></Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Card>
  );
}
