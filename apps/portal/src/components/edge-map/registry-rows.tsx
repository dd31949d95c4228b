'use client';
/**
 * The registries a node may pull container images from: add, edit and remove rows, each with its
 * host (and port) and whether its TLS certificate is verified; every input labelled for screen readers.
 */
import { ActionIcon, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import type { TRegistryRow } from './node-form-model';

export interface TRegistryRowsProps {
  rows: TRegistryRow[];
  onChange: (rows: TRegistryRow[]) => void;
  error?: string;
}

export function RegistryRows({ rows, onChange, error }: TRegistryRowsProps) {
  const t = useTranslations('edgeMap.form');
  const set = (i: number, patch: Partial<TRegistryRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6} data-testid="registries-editor" role="group" aria-label={t('registries')}>
      <Text size="sm" fw={500}>{t('registries')}</Text>
      <Text size="xs" c="dimmed">{t('registriesHelp')}</Text>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="center" wrap="nowrap" data-testid="registries-editor-row">
          <TextInput aria-label={t('registryHost', { n: i + 1 })} placeholder="registry.example:5000" value={r.host} onChange={(e) => set(i, { host: e.currentTarget.value })}
            style={{ flex: 1 }} maxLength={260} data-testid="registries-editor-host" />
          <Checkbox label={t('registryTlsVerify')} aria-label={t('registryTlsVerifyOf', { n: i + 1 })} checked={r.tlsVerify} onChange={(e) => set(i, { tlsVerify: e.currentTarget.checked })} data-testid="registries-editor-tls" />
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('registryRemove', { n: i + 1 })}><IconTrash size={16} aria-hidden="true" /></ActionIcon>
        </Group>
      ))}
      {error && <Text size="xs" c="red" role="alert" data-field="registries">{error}</Text>}
      <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => onChange([...rows, { host: '', tlsVerify: true }])} data-testid="registries-editor-add">
        {t('registryAdd')}
      </Button>
    </Stack>
  );
}
