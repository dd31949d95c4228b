'use client';
/**
 * An editor of key/value rows (node labels, data-plane adapter settings): add, edit and remove
 * rows, each input labelled for screen readers, errors shown on the row they concern.
 */
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import type { TLabelRow } from './label-editor-model';

export interface TKeyValueRowsProps {
  legend: string;
  description?: string;
  rows: TLabelRow[];
  onChange: (rows: TLabelRow[]) => void;
  /** Per-row messages for the key and the value. */
  rowErrors?: Partial<Record<number, { key?: string; value?: string }>>;
  error?: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  testId: string;
}

export function KeyValueRows({ legend, description, rows, onChange, rowErrors = {}, error, keyPlaceholder, valuePlaceholder, testId }: TKeyValueRowsProps) {
  const t = useTranslations('edgeMap.form');
  const set = (i: number, patch: Partial<TLabelRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6} data-testid={testId} role="group" aria-label={legend}>
      <Text size="sm" fw={500}>{legend}</Text>
      {description && <Text size="xs" c="dimmed">{description}</Text>}
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`${testId}-row`}>
          <TextInput aria-label={t('rowKey', { n: i + 1 })} placeholder={keyPlaceholder} value={r.key} onChange={(e) => set(i, { key: e.currentTarget.value })} error={rowErrors[i]?.key} style={{ flex: 1 }} maxLength={64} data-testid={`${testId}-key`} />
          <TextInput aria-label={t('rowValue', { n: i + 1 })} placeholder={valuePlaceholder} value={r.value} onChange={(e) => set(i, { value: e.currentTarget.value })} error={rowErrors[i]?.value} style={{ flex: 1 }} maxLength={2000} data-testid={`${testId}-value`} />
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('rowRemove', { n: i + 1 })}><IconTrash size={16} aria-hidden="true" /></ActionIcon>
        </Group>
      ))}
      {error && <Text size="xs" c="red" role="alert">{error}</Text>}
      <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => onChange([...rows, { key: '', value: '' }])} data-testid={`${testId}-add`}>
        {t('rowAdd')}
      </Button>
    </Stack>
  );
}
