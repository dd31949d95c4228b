'use client';
/** How many nodes are picked for a deployment, ways to pick more (filtered, in view), and the link to deploy to them. */
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { deployHref, MAX_LINK_NODES } from './selection-model';

export interface TSelectionBarProps {
  selected: ReadonlySet<string>;
  filteredCount: number;
  onSelectFiltered: () => void;
  onSelectInView: () => void;
  onClear: () => void;
}

export function SelectionBar({ selected, filteredCount, onSelectFiltered, onSelectInView, onClear }: TSelectionBarProps) {
  const t = useTranslations('edgeMap.selection');
  const tooMany = selected.size > MAX_LINK_NODES;
  return (
    <Group gap="sm" data-testid="selection-bar" data-selected={selected.size} wrap="wrap">
      <Text size="sm" role="status" aria-live="polite" data-testid="selection-count">{t('count', { count: selected.size })}</Text>
      <Button size="xs" variant="default" onClick={onSelectFiltered} disabled={filteredCount === 0} data-testid="select-filtered">{t('selectFiltered', { count: filteredCount })}</Button>
      <Button size="xs" variant="default" onClick={onSelectInView} data-testid="select-in-view">{t('selectInView')}</Button>
      <Button size="xs" variant="subtle" color="gray" onClick={onClear} disabled={selected.size === 0} data-testid="select-clear">{t('clear')}</Button>
      {selected.size > 0 && !tooMany && (
        <Button size="xs" component={Link} href={deployHref(selected)} leftSection={<IconRocket size={14} aria-hidden="true" />} data-testid="deploy-selected">
          {t('deploy', { count: selected.size })}
        </Button>
      )}
      {tooMany && <Alert color="yellow" variant="light" p={6} data-testid="selection-too-many"><Text size="xs">{t('tooMany', { max: MAX_LINK_NODES })}</Text></Alert>}
      <Text size="xs" c="dimmed">{t('hint')}</Text>
    </Group>
  );
}
