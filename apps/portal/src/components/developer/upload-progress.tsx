'use client';
/**
 * A running upload: progress bar, bytes, speed and time left, "reconnecting…" while a dropped
 * connection is retried, where an earlier upload was continued from, and the pause / resume /
 * cancel buttons (plain buttons, so Tab and Enter or Space work).
 */
import type { TUploadState as TServerUploadState } from '@mecport/contracts';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { formatBytes } from '@/components/ui/format-bytes';
import { rate, timeLeft } from './upload-math';
import type { TUploadState } from './use-tus-upload';

/** What the server says of a finished upload: validating, then validated or failed. */
export interface TUploadOutcome { state: TServerUploadState; version: string }

export interface TUploadProgressProps { state: TUploadState; outcome?: TUploadOutcome; onPause: () => void; onResume: () => void; onCancel: () => void }

/** "Uploaded; validation runs now." until the server has validated the upload, then how it ended. */
function DoneText({ outcome }: { outcome?: TUploadOutcome }) {
  const t = useTranslations('developer.upload');
  const tUi = useTranslations('uiHardening.upload');
  if (outcome?.state === 'validated') return <Text size="sm" c="green.9" role="status" data-testid="upload-done" data-outcome="validated">{tUi('validated', { version: outcome.version })}</Text>;
  if (outcome?.state === 'failed') return <Text size="sm" c="red.9" role="status" data-testid="upload-done" data-outcome="failed">{tUi('validationFailed', { version: outcome.version })}</Text>;
  return <Text size="sm" c="green.9" role="status" data-testid="upload-done" data-outcome="validating">{t('done')}</Text>;
}

export function UploadProgress({ state, outcome, onPause, onResume, onCancel }: TUploadProgressProps) {
  const t = useTranslations('developer.upload');
  const format = useFormatter();
  const { phase, sent, total, meter } = state;
  const percent = total > 0 ? Math.min(100, (sent / total) * 100) : 0;
  const speed = meter ? rate(meter) : 0;
  const left = meter && phase === 'uploading' ? timeLeft(meter, total) : null;
  const moving = phase === 'uploading' || phase === 'reconnecting';
  return (
    <Stack gap={4} data-testid="upload-progress" data-phase={phase}>
      {/* the name goes on the section, the element with role=progressbar (axe: aria-allowed-attr, progressbar-name) */}
      <Progress.Root size="lg">
        <Progress.Section value={percent} animated={phase === 'uploading'} color={phase === 'reconnecting' ? 'yellow' : undefined} withAria={false}
          role="progressbar" aria-label={t('progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(percent)} aria-valuetext={`${Math.floor(percent)}%`} />
      </Progress.Root>
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="upload-bytes">
          {t('bytes', { sent: formatBytes(sent, format), total: formatBytes(total, format), percent: format.number(percent, { maximumFractionDigits: 0 }) })}
        </Text>
        {phase === 'uploading' && (
          <Text size="sm" c="dimmed" data-testid="upload-speed">
            {t('speed', { speed: `${formatBytes(speed, format)}/s` })}
            {left !== null && <span data-testid="upload-time-left">{` · ${t('timeLeft', { seconds: left })}`}</span>}
          </Text>
        )}
        {phase === 'reconnecting' && (
          <Text size="sm" c="yellow.9" role="status" data-testid="upload-reconnecting">
            {t('reconnecting', { attempt: state.attempt, max: state.maxAttempts })}
          </Text>
        )}
        {phase === 'paused' && <Text size="sm" c="dimmed" role="status">{t('paused')}</Text>}
        {phase === 'done' && <DoneText outcome={outcome} />}
      </Group>
      {state.resumed && (
        <Text size="xs" c="dimmed" data-testid="upload-resumed" data-offset={state.resumedFrom ?? ''}>
          {state.resumedFrom !== null ? t('resumedFrom', { sent: formatBytes(state.resumedFrom, format) }) : t('resumed')}
        </Text>
      )}
      {(moving || phase === 'paused') && (
        <Group gap="xs">
          {moving
            ? <Button size="xs" variant="light" leftSection={<IconPlayerPause size={14} aria-hidden="true" />} onClick={onPause} data-testid="upload-pause">{t('pause')}</Button>
            : <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} aria-hidden="true" />} onClick={onResume} data-testid="upload-resume">{t('resume')}</Button>}
          <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden="true" />} onClick={onCancel} data-testid="upload-cancel">{t('cancel')}</Button>
        </Group>
      )}
    </Stack>
  );
}
