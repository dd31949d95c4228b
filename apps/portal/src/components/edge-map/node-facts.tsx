'use client';
/** A node's registry facts as a description list: region, address, group, labels, capacity, data plane, container runtime (set and reported), agent. */
import type { TEdgeNode } from '@mecport/contracts';
import { Badge, Group, Table, Text } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import { useRelativeTime } from '@/components/ui/use-relative-time';
import { podmanOnNode, runtimeMismatch } from './node-runtime-model';

export function NodeFacts({ node }: { node: TEdgeNode }) {
  const t = useTranslations('edgeMap.facts');
  const format = useFormatter();
  const relative = useRelativeTime();
  const c = node.capacity;
  const region = [node.province, node.city, node.district].filter(Boolean).join(' / ');
  const rows: [string, React.ReactNode][] = [
    [t('region'), region || '—'],
    [t('address'), node.address || '—'],
    [t('coordinates'), `${format.number(node.latitude, { maximumFractionDigits: 5 })}, ${format.number(node.longitude, { maximumFractionDigits: 5 })}`],
    [t('group'), node.groupName ?? t('noGroup')],
    [t('labels'), Object.keys(node.labels).length === 0 ? '—' : (
      <Group gap={4}>{Object.entries(node.labels).map(([k, v]) => <Badge key={k} size="sm" variant="outline" color="gray" tt="none">{k}={v}</Badge>)}</Group>
    )],
    [t('capacity'), c ? t('capacityValue', { architecture: c.architecture, cores: c.cpuCores, memory: format.number(c.memoryMb / 1024, { maximumFractionDigits: 1 }), gpus: c.gpus, npus: c.npus }) : t('capacityUnknown')],
    [t('dataPlane'), t(`adapters.${node.dataPlane.adapter}`)],
    [t('containerRuntime'), node.runtime.container === 'none' ? t('containerRuntimeNone') : (
      <span data-testid="node-container-runtime">
        {t('containerRuntimePodman')}
        {node.runtime.registries.length > 0 && <> ({node.runtime.registries.map((r) => (r.tlsVerify ? r.host : t('registryNoTls', { host: r.host }))).join(', ')})</>}
      </span>
    )],
    [t('podman'), (
      <span data-testid="node-podman" data-podman={podmanOnNode(node)}>
        {t(`podmanOnNode.${podmanOnNode(node)}`)}
        {runtimeMismatch(node) && <Text span size="sm" c="red.9" display="block" role="note">{t('runtimeMismatch')}</Text>}
      </span>
    )],
    [t('agent'), node.agentVersion ? t('agentValue', { version: node.agentVersion, host: node.hostname ?? '—' }) : t('notEnrolled')],
    [t('lastHeartbeat'), node.lastHeartbeatAt ? relative(new Date(node.lastHeartbeatAt)) : '—'],
    [t('revision'), t('revisionValue', { applied: node.appliedRevision, desired: node.desiredRevision })],
  ];
  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4} data-testid="node-facts">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}><Table.Th w={130}><Text size="sm" c="dimmed">{label}</Text></Table.Th><Table.Td><Text size="sm" component="div">{value}</Text></Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
