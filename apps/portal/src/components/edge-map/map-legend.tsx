'use client';
/** The map's legend: each status's marker shape and colour with its name and count. */
import type { TNodeStatus } from '@mecport/contracts';
import { Group, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { LEGEND_ORDER } from './node-status-style';
import { StatusShape } from './status-badge';

export function MapLegend({ counts }: { counts: Record<TNodeStatus, number> }) {
  const t = useTranslations('edgeMap');
  return (
    <Group gap="lg" component="ul" aria-label={t('map.legend')} data-testid="map-legend" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {LEGEND_ORDER.map((s) => (
        <Group key={s} gap={6} component="li" wrap="nowrap" data-status={s}>
          <StatusShape status={s} />
          <Text size="sm">{t('map.legendItem', { status: t(`status.${s}`), count: counts[s] })}</Text>
        </Group>
      ))}
    </Group>
  );
}
