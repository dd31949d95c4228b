'use client';
/**
 * What an app version runs as, in a word and a badge: a process app, a container app (with its
 * images counted), a Helm chart (which cannot be deployed: the reason says how to convert it), or
 * nothing a node can run; "not read yet" for versions whose package has not been read.
 */
import type { TAppWorkload } from '@mecport/contracts';
import { Badge, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';

const COLOR: Record<TAppWorkload['runtime'], string> = { process: 'blue', container: 'violet', helm: 'red', none: 'red' };

export function WorkloadKind({ workload }: { workload: TAppWorkload | null }) {
  const t = useTranslations('store.workload');
  if (!workload) return <Text size="sm" c="dimmed" data-testid="workload-kind" data-runtime="unknown">{t('unknown')}</Text>;
  const label = workload.runtime === 'container' ? t('container', { count: workload.images.length }) : t(workload.runtime);
  return (
    <Stack gap={2} data-testid="workload-kind" data-runtime={workload.runtime}>
      <Badge size="sm" variant="light" color={COLOR[workload.runtime]} tt="none" w="fit-content">{label}</Badge>
      {workload.runtime === 'helm' && <Text size="xs" c="red.9">{t('helmRefused')}</Text>}
      {workload.runtime === 'none' && <Text size="xs" c="red.9">{t('noneRefused')}</Text>}
    </Stack>
  );
}
