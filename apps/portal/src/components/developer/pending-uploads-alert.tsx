'use client';
/**
 * The offer to continue an unfinished upload after a page reload: which file and version, how
 * much the server has, and why the file must be chosen again (a browser keeps no file across a
 * reload). Choosing it continues at once; cancelling deletes the upload on the server.
 */
import { Alert, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconFileUpload, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { formatBytes } from '@/components/ui/format-bytes';
import type { TPendingUpload } from './pending-uploads';

export interface TPendingUploadsAlertProps {
  pending: TPendingUpload[];
  /** The entry whose chosen file was not the same one. */
  wrongFileKey: string | null;
  onChoose: (entry: TPendingUpload, file: File) => void;
  onCancel: (entry: TPendingUpload) => void;
}

export function PendingUploadsAlert({ pending, wrongFileKey, onChoose, onCancel }: TPendingUploadsAlertProps) {
  const t = useTranslations('developer.upload');
  const format = useFormatter();
  if (pending.length === 0) return null;
  return (
    <Stack gap="xs">
      {pending.map((entry) => {
        const total = formatBytes(entry.size, format);
        const what = { filename: entry.filename, version: entry.version, total };
        return (
          <Alert key={entry.key} color="yellow" variant="light" icon={<IconPlayerPlay aria-hidden="true" />} title={t('pendingTitle')}
            data-testid="upload-pending" data-version={entry.version} data-offset={entry.offset ?? ''}>
            <Stack gap={6}>
              <Text size="sm">
                {entry.offset !== undefined
                  ? t('pendingBody', { ...what, sent: formatBytes(entry.offset, format), percent: format.number(entry.size > 0 ? (entry.offset / entry.size) * 100 : 0, { maximumFractionDigits: 0 }) })
                  : t('pendingBodyUnknown', what)}
              </Text>
              <Text size="sm" c="dimmed">{t('pendingReselect')}</Text>
              {wrongFileKey === entry.key && (
                <Text size="sm" c="red.8" role="alert" data-testid="upload-pending-wrong-file">{t('pendingWrongFile', what)}</Text>
              )}
              <Group gap="xs">
                <FileButton accept=".csar,.zip,application/zip" onChange={(file) => { if (file) onChoose(entry, file); }}>
                  {(props) => (
                    <Button {...props} size="xs" leftSection={<IconFileUpload size={14} aria-hidden="true" />} data-testid="upload-pending-choose">
                      {t('pendingChoose', what)}
                    </Button>
                  )}
                </FileButton>
                <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden="true" />} onClick={() => onCancel(entry)} data-testid="upload-pending-cancel">
                  {t('cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        );
      })}
    </Stack>
  );
}
