'use client';
/** The name search's first matches as a list of buttons: a keyboard way to reach a node without the map. */
import type { TMapNode } from '@mecport/contracts';
import { Button, Group, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { StatusShape } from './status-badge';

const SHOWN = 8;

export function MapMatches({ nodes, onOpen }: { nodes: readonly TMapNode[]; onOpen: (id: string) => void }) {
  const t = useTranslations('edgeMap.map');
  const tStatus = useTranslations('edgeMap.status');
  if (nodes.length === 0) return <Text size="sm" c="dimmed" data-testid="map-no-matches">{t('noMatches')}</Text>;
  return (
    <Group gap={6} data-testid="map-matches" aria-label={t('matches')} role="list">
      {nodes.slice(0, SHOWN).map((n) => (
        <Button key={n.id} role="listitem" size="compact-sm" variant="light" color="gray" leftSection={<StatusShape status={n.status} size={12} />}
          onClick={() => onOpen(n.id)} title={tStatus(n.status)} data-testid="map-match">{n.name}</Button>
      ))}
      {nodes.length > SHOWN && <Text size="xs" c="dimmed">{t('moreMatches', { count: nodes.length - SHOWN })}</Text>}
    </Group>
  );
}
