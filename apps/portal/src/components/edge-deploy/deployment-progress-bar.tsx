'use client';
/**
 * A progress bar over a set of targets: one coloured section per status (done, rolled back,
 * failed, skipped, still applying), announced to screen readers as "n of m nodes done".
 */
import { Group, Progress, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { TARGET_STATUS_COLORS, type TProgress } from './deployment-progress';

export function DeploymentProgressBar({ progress, size = 'lg', label, testId = 'deployment-progress' }: { progress: TProgress; size?: 'sm' | 'lg'; label: string; testId?: string }) {
  const t = useTranslations('edgeDeploy');
  const done = t('detail.settled', { settled: progress.settled, total: progress.total });
  return (
    <div data-testid={testId} data-percent={progress.percent} data-settled={progress.settled} data-total={progress.total}>
      <Group justify="space-between" mb={4}>
        <Text size={size === 'lg' ? 'sm' : 'xs'} fw={600}>{label}</Text>
        <Text size={size === 'lg' ? 'sm' : 'xs'} c="dimmed">{done}</Text>
      </Group>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress.percent} aria-valuetext={done}>
        <Progress.Root size={size === 'lg' ? 'xl' : 'sm'}>
          {progress.sections.map((s) => (
            <Progress.Section key={s.status} value={s.value} color={TARGET_STATUS_COLORS[s.status]} withAria={false} striped={s.status === 'applying'} animated={s.status === 'applying'}
              title={t('list.count', { count: s.count, status: t(`status.target.${s.status}`) })} data-status={s.status} />
          ))}
        </Progress.Root>
      </div>
    </div>
  );
}
