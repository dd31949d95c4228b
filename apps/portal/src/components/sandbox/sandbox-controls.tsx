'use client';
/**
 * A sandbox's clock and life: start / pause (real clock), "run N seconds" (virtual clock), reset,
 * and delete after a confirmation. Each answer (the sandbox as it is now) goes to `onChanged`;
 * a refused action shows its problem here. After a delete the list opens.
 */
import type { TSandbox, TSandboxRunResult } from '@mecport/contracts/sandbox';
import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerTrackNext, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { clockText } from './time-left';
import { useSandboxAction } from './use-sandbox-action';

export function SandboxControls({ sandbox, onChanged }: { sandbox: TSandbox; onChanged: (s: TSandbox) => void }) {
  const t = useTranslations('sandbox.controls');
  const router = useRouter();
  const { send, busy, problem, clearProblem } = useSandboxAction(sandbox.id);
  const [seconds, setSeconds] = useState<number | string>(30);
  const [run, setRun] = useState<TSandboxRunResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { status, clock } = sandbox;
  const live = status !== 'starting' && status !== 'failed';

  const clockAction = async (action: 'start' | 'pause' | 'reset') => {
    const next = await send<TSandbox>(action);
    if (next) { onChanged(next); if (action === 'reset') setRun(null); }
  };
  const runFor = async () => {
    if (typeof seconds !== 'number' || seconds <= 0) return;
    const result = await send<TSandboxRunResult>('run', { body: { seconds } });
    if (result) setRun(result);
  };
  const remove = async () => {
    const done = await send<unknown>('', { method: 'DELETE' });
    setConfirming(false);
    if (done) router.push('/sandboxes');
  };

  return (
    <Stack gap="xs" data-testid="sandbox-controls">
      <Group gap="xs">
        {clock === 'real' && (status === 'ready' || status === 'paused') && (
          <Button leftSection={<IconPlayerPlay size={16} aria-hidden="true" />} onClick={() => void clockAction('start')} loading={busy === 'start'} data-testid="sandbox-start">{t('start')}</Button>
        )}
        {clock === 'real' && status === 'running' && (
          <Button variant="light" leftSection={<IconPlayerPause size={16} aria-hidden="true" />} onClick={() => void clockAction('pause')} loading={busy === 'pause'} data-testid="sandbox-pause">{t('pause')}</Button>
        )}
        {clock === 'virtual' && live && (
          <Group gap={6} align="flex-end" wrap="nowrap">
            <NumberInput label={t('runSeconds')} value={seconds} onChange={setSeconds} min={0.1} max={86_400} w={130} size="sm" data-testid="sandbox-run-seconds" />
            <Button leftSection={<IconPlayerTrackNext size={16} aria-hidden="true" />} onClick={() => void runFor()} loading={busy === 'run'} data-testid="sandbox-run">{t('run')}</Button>
          </Group>
        )}
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={() => void clockAction('reset')} loading={busy === 'reset'} disabled={status === 'starting'} data-testid="sandbox-reset">{t('reset')}</Button>
        <Button variant="outline" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setConfirming(true)} data-testid="sandbox-delete">{t('delete')}</Button>
      </Group>
      {run && (
        <Text size="sm" role="status" data-testid="sandbox-run-result" data-event-log-sha256={run.eventLogSha256}>
          {t('runResult', { time: clockText(run.timeSec), count: run.eventCount, hash: run.eventLogSha256.slice(0, 12), ms: Math.round(run.wallMs) })}
        </Text>
      )}
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="sandbox-action-error" onClose={clearProblem} />}
      <ConfirmModal opened={confirming} title={t('deleteTitle', { name: sandbox.name })} body={t('deleteBody')} confirmLabel={t('deleteConfirm')}
        busy={busy === ''} onConfirm={() => void remove()} onCancel={() => setConfirming(false)} />
    </Stack>
  );
}
