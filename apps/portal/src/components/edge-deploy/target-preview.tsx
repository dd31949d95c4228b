'use client';
/**
 * What the target reaches, before anything starts: how many nodes, in how many batches, which
 * ones, how many are not online (they apply the change when they next connect), and for an
 * upgrade how many run the app at all (the others are skipped).
 */
import type { TMapNode } from '@mecport/contracts';
import { Alert, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { batchCount, type TDeploymentKind } from './deployment-form-model';
import type { TTargetMatch } from './use-target-match';

const NAMES_SHOWN = 12;

export function TargetPreview({ match, batchSize, kind, appId, waitingFor }: { match: TTargetMatch; batchSize: number; kind: TDeploymentKind; appId: string | null; waitingFor: boolean }) {
  const t = useTranslations('edgeDeploy.preview');
  if (match.problem) return <ProblemAlert heading={t('failed')} problem={match.problem} testId="target-preview-error" />;
  if (!match.nodes) {
    if (!waitingFor) return null;
    return <Group gap="xs" role="status" data-testid="target-preview-loading"><Loader size="xs" aria-hidden="true" /><Text size="sm" c="dimmed">{t('loading')}</Text></Group>;
  }
  const nodes: TMapNode[] = match.nodes;
  const notOnline = nodes.filter((n) => n.status !== 'online').length;
  const running = appId ? nodes.filter((n) => n.appIds.includes(appId)).length : 0;
  const batches = batchCount(nodes.length, Number.isInteger(batchSize) && batchSize > 0 ? batchSize : 1);
  return (
    <Stack gap="xs" role="status" aria-live="polite" data-testid="target-preview" data-count={nodes.length}>
      <Text size="sm" fw={600} data-testid="target-preview-count">{t('count', { count: nodes.length, batches })}</Text>
      {nodes.length > 0 && (
        <Group gap={4} data-testid="target-preview-nodes">
          {nodes.slice(0, NAMES_SHOWN).map((n) => <Badge key={n.id} variant="light" color={n.status === 'online' ? 'green' : 'gray'} tt="none" data-node-id={n.id}>{n.name}</Badge>)}
          {nodes.length > NAMES_SHOWN && <Text size="xs" c="dimmed">{t('more', { count: nodes.length - NAMES_SHOWN })}</Text>}
        </Group>
      )}
      {notOnline > 0 && <Alert color="yellow" variant="light" p="xs" data-testid="target-preview-offline">{t('notOnline', { count: notOnline })}</Alert>}
      {kind === 'upgrade' && appId && nodes.length > 0 && (
        <Alert color={running === 0 ? 'orange' : 'blue'} variant="light" p="xs" data-testid="target-preview-upgrade">{t('upgradeRunning', { running, total: nodes.length })}</Alert>
      )}
    </Stack>
  );
}
