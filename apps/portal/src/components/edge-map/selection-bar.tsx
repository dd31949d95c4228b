'use client';
/**
 * How many nodes are picked, ways to pick more (filtered, in view, a drawn area), and the links to
 * deploy to them or to configure their traffic and DNS rules.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowsSplit, IconPolygon, IconRocket } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { rulesHref } from '@/components/edge-rules/rule-target-model';
import { deployHref, MAX_LINK_NODES } from './selection-model';

export interface TSelectionBarProps {
  selected: ReadonlySet<string>;
  filteredCount: number;
  onSelectFiltered: () => void;
  onSelectInView: () => void;
  onClear: () => void;
  drawing: boolean;
  onDrawToggle: () => void;
}

export function SelectionBar({ selected, filteredCount, onSelectFiltered, onSelectInView, onClear, drawing, onDrawToggle }: TSelectionBarProps) {
  const t = useTranslations('edgeMap.selection');
  const tRules = useTranslations('edgeRules.map');
  const tooMany = selected.size > MAX_LINK_NODES;
  return (
    <Group gap="sm" data-testid="selection-bar" data-selected={selected.size} wrap="wrap">
      <Text size="sm" role="status" aria-live="polite" data-testid="selection-count">{t('count', { count: selected.size })}</Text>
      <Button size="xs" variant="default" onClick={onSelectFiltered} disabled={filteredCount === 0} data-testid="select-filtered">{t('selectFiltered', { count: filteredCount })}</Button>
      <Button size="xs" variant="default" onClick={onSelectInView} data-testid="select-in-view">{t('selectInView')}</Button>
      <Button size="xs" variant={drawing ? 'filled' : 'default'} onClick={onDrawToggle} aria-pressed={drawing} leftSection={<IconPolygon size={14} aria-hidden="true" />} data-testid="draw-area">
        {drawing ? tRules('drawCancel') : tRules('draw')}
      </Button>
      <Button size="xs" variant="subtle" color="gray" onClick={onClear} disabled={selected.size === 0} data-testid="select-clear">{t('clear')}</Button>
      {selected.size > 0 && !tooMany && (
        <Button size="xs" component={Link} href={deployHref(selected)} leftSection={<IconRocket size={14} aria-hidden="true" />} data-testid="deploy-selected">
          {t('deploy', { count: selected.size })}
        </Button>
      )}
      {selected.size > 0 && !tooMany && (
        <Button size="xs" variant="light" component={Link} href={rulesHref(selected)} leftSection={<IconArrowsSplit size={14} aria-hidden="true" />} data-testid="configure-rules-selected">
          {tRules('configure', { count: selected.size })}
        </Button>
      )}
      {tooMany && <Alert color="yellow" variant="light" p={6} data-testid="selection-too-many"><Text size="xs">{t('tooMany', { max: MAX_LINK_NODES })}</Text></Alert>}
      <Text size="xs" c="dimmed">{drawing ? tRules('drawing') : t('hint')}</Text>
    </Group>
  );
}
