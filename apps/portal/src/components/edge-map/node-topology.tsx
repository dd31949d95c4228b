'use client';
/** The topology view: the node, its app instances and the Mp1 services each one registered, as a tree. */
import type { TNodeDetail } from '@mecport/contracts';
import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import { IconApps, IconPlugConnected, IconServer2 } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { topologyOf } from './topology-model';

const branch = { listStyle: 'none', margin: 0, paddingLeft: 18, borderLeft: '2px solid var(--mantine-color-gray-3)', marginLeft: 8 } as const;

export function NodeTopology({ detail }: { detail: TNodeDetail }) {
  const t = useTranslations('edgeMap.panel');
  const tree = topologyOf(detail);
  const services = (list: TNodeDetail['services']) => (
    <ul style={branch}>
      {list.map((s) => (
        <li key={s.serInstanceId}>
          <Group gap={6} wrap="nowrap"><IconPlugConnected size={14} aria-hidden="true" /><Text size="sm">{s.serName}</Text><Text size="xs" c="dimmed">{s.version}</Text>
            <Badge size="xs" variant="outline" color={s.state === 'ACTIVE' ? 'green' : 'gray'}>{s.state}</Badge></Group>
        </li>
      ))}
    </ul>
  );
  return (
    <Box component="figure" m={0} aria-label={t('topology')} data-testid="node-topology">
      <Group gap={6}><IconServer2 size={16} aria-hidden="true" /><Text fw={600} size="sm">{detail.node.name}</Text></Group>
      {tree.instances.length === 0 && tree.otherServices.length === 0 && <Text size="sm" c="dimmed" ml="lg">{t('topologyEmpty')}</Text>}
      <ul style={branch}>
        {tree.instances.map((i) => (
          <li key={i.id} data-testid="topology-instance">
            <Group gap={6} wrap="nowrap"><IconApps size={14} aria-hidden="true" />
              <Anchor component={Link} href={`/edge-map/instances/${i.id}`} size="sm">{i.appName} {i.version}</Anchor>
              <Badge size="xs" variant="light">{i.state}</Badge></Group>
            {i.services.length > 0 && services(i.services)}
          </li>
        ))}
        {tree.otherServices.length > 0 && (
          <li><Text size="sm" c="dimmed">{t('otherServices')}</Text>{services(tree.otherServices)}</li>
        )}
      </ul>
    </Box>
  );
}
