'use client';
/** The scenario's zones as the map colours them: the MEC node serving each, the UEs in it now, its latency and access points up. */
import type { TWorldSnapshot } from '@mecport/contracts/sandbox';
import { ColorSwatch, Group, Table, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { zoneColors } from './map-style';

export function ZoneTable({ world }: { world: TWorldSnapshot }) {
  const t = useTranslations('sandbox.zones');
  const colors = useMemo(() => zoneColors(world.zones.map((z) => z.id)), [world.zones]);
  const uesIn = useMemo(() => {
    const counts = new Map<string, number>();
    for (const ue of world.ues) if (ue.zoneId) counts.set(ue.zoneId, (counts.get(ue.zoneId) ?? 0) + 1);
    return counts;
  }, [world.ues]);
  const outOfRange = world.ues.filter((u) => !u.zoneId).length;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table fz="xs" verticalSpacing={4} data-testid="zone-table">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('zone')}</Table.Th><Table.Th>{t('node')}</Table.Th><Table.Th>{t('ues')}</Table.Th><Table.Th>{t('poas')}</Table.Th><Table.Th>{t('latency')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {world.zones.map((z) => {
            const poas = world.poas.filter((p) => p.zoneId === z.id);
            return (
              <Table.Tr key={z.id} data-testid="zone-row" data-zone-id={z.id}>
                <Table.Td><Group gap={6} wrap="nowrap"><ColorSwatch color={colors.get(z.id)!} size={12} aria-hidden="true" /><Text size="xs">{z.name}</Text></Group></Table.Td>
                <Table.Td>{z.mecNodeId ?? t('noNode')}</Table.Td>
                <Table.Td data-testid="zone-ues">{uesIn.get(z.id) ?? 0}</Table.Td>
                <Table.Td>{t('poasUp', { up: poas.filter((p) => p.up).length, total: poas.length })}</Table.Td>
                <Table.Td>{t('ms', { ms: z.netChar.latencyMs })}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>{t('outOfRange', { count: outOfRange })}</Text>
    </Table.ScrollContainer>
  );
}
