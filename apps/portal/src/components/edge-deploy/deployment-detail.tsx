'use client';
/**
 * One deployment, live: read again every 2 s while it runs (or, stopped, while nodes that had
 * started still apply) and no more once it finished. The header says what rolls out where and how,
 * with "Stop deployment" while it runs; a bar shows progress over all nodes, then each batch lists
 * its nodes (see DeploymentBatches).
 */
import type { TDeploymentDetail, TNodeGroup } from '@mecport/contracts';
import { Alert, Group, Loader, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlayerStop } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { CreatedBy } from './created-by';
import { DeploymentBatches } from './deployment-batches';
import { isDeploymentActive, progressOf } from './deployment-progress';
import { DeploymentProgressBar } from './deployment-progress-bar';
import { EdgeCrumbs } from './edge-crumbs';
import { StopDeployment, StopProblem } from './stop-deployment';
import { deploymentOutcome } from './deployment-outcome';
import { DeploymentStatusBadge } from './status-badges';
import { TargetSummary } from './target-summary';
import { useApiResource } from '@/hooks/use-api-resource';

export const DEPLOYMENT_POLL_MS = 2000;

/** Still changing: running, or stopped with nodes that had started still applying. */
const isMoving = (d: TDeploymentDetail) => isDeploymentActive(d.status) || d.counts.applying > 0;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <div>{children}</div>
    </Stack>
  );
}

function Facts({ d }: { d: TDeploymentDetail }) {
  const t = useTranslations('edgeDeploy');
  const format = useFormatter();
  const groups = useApiResource<{ items: TNodeGroup[] }>(d.target.kind === 'group' ? '/api/v1/edge/node-groups' : null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="deployment-facts">
      <Fact label={t('list.kind')}><Text size="sm" data-testid="deployment-kind" data-kind={d.kind}>{t(`kind.${d.kind}`)}</Text></Fact>
      <Fact label={t('list.target')}><TargetSummary target={d.target} groups={groups.data?.items} /></Fact>
      <Fact label={t('detail.batchSize')}><Text size="sm">{d.batchSize}</Text></Fact>
      <Fact label={t('detail.stopOnFailure')}><Text size="sm" data-testid="deployment-stop-on-failure">{d.stopOnFailure ? t('common.yes') : t('common.no')}</Text></Fact>
      <Fact label={t('list.createdBy')}><CreatedBy subject={d.createdBy} name={d.createdByName} /></Fact>
      <Fact label={t('list.createdAt')}><Text size="sm">{when(d.createdAt)}</Text></Fact>
      <Fact label={t('detail.finishedAt')}><Text size="sm" data-testid="deployment-finished-at">{d.finishedAt ? when(d.finishedAt) : t('detail.notFinished')}</Text></Fact>
    </SimpleGrid>
  );
}

function DeploymentOutcomeText({ d }: { d: TDeploymentDetail }) {
  const t = useTranslations('apiContract.deployment');
  const outcome = deploymentOutcome(d);
  if (!outcome) return null;
  return <>{outcome.kind === 'nodesFailed' ? t('nodesFailed', { count: outcome.count }) : outcome.text}</>;
}

export function DeploymentDetail({ deploymentId }: { deploymentId: string }) {
  const t = useTranslations('edgeDeploy');
  const { data: d, problem, setData, reload } = useApiResource<TDeploymentDetail>(`/api/v1/edge/deployments/${encodeURIComponent(deploymentId)}`, {
    pollMs: DEPLOYMENT_POLL_MS,
    keepPolling: isMoving,
  });
  const [stopProblem, setStopProblem] = useState<TApiProblem | null>(null);
  const crumbs = <EdgeCrumbs trail={[{ href: '/edge-map/deployments', label: t('list.title') }]} current={d ? t('list.appVersion', { app: d.appName, version: d.version }) : undefined} />;

  if (!d) {
    return (
      <Stack gap="lg" data-testid="deployment-detail">
        {crumbs}
        {problem ? (
          <>
            <Title order={1}>{t('detail.notAvailable')}</Title>
            <ProblemAlert heading={t('detail.failed')} problem={problem} testId="deployment-error" />
          </>
        ) : (
          <Stack gap="md" aria-busy="true" data-testid="deployment-loading"><Skeleton height={40} width="40%" /><Skeleton height={120} /></Stack>
        )}
      </Stack>
    );
  }

  const active = isMoving(d);
  const failed = d.status === 'failed' || d.status === 'rolled_back';
  const outcomeIcon = failed ? <IconAlertTriangle aria-hidden="true" /> : d.status === 'stopped' ? <IconPlayerStop aria-hidden="true" /> : <IconCircleCheck aria-hidden="true" />;
  return (
    <Stack gap="lg" maw={1200} data-testid="deployment-detail" data-deployment-id={d.id} data-status={d.status}>
      {crumbs}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('detail.title', { app: d.appName, version: d.version })}</Title>
          <Group gap="xs" role="status" aria-live="polite">
            <DeploymentStatusBadge status={d.status} />
            {active ? (
              <Group gap={6} data-testid="deployment-live"><Loader size={12} aria-hidden="true" /><Text size="sm" c="dimmed">{t('detail.live', { seconds: DEPLOYMENT_POLL_MS / 1000 })}</Text></Group>
            ) : (
              <Text size="sm" c="dimmed" data-testid="deployment-finished">{t('detail.finished')}</Text>
            )}
          </Group>
        </Stack>
        <StopDeployment d={d} onStopped={(x) => { setStopProblem(null); setData(x); reload(); }}
          onProblem={(p) => { setStopProblem(p); if (p.status === 409) reload(); }} />
      </Group>
      {stopProblem && <StopProblem problem={stopProblem} onClose={() => setStopProblem(null)} />}
      {problem && <ProblemAlert heading={t('detail.refreshFailed')} problem={problem} testId="deployment-refresh-error" />}
      {d.message && (
        <Alert color={failed ? 'red' : d.status === 'stopped' ? 'gray' : 'blue'} variant="light" icon={outcomeIcon}
          title={t(`detail.outcome.${d.status}`)} data-testid="deployment-message">
          <DeploymentOutcomeText d={d} />
        </Alert>
      )}
      <Facts d={d} />
      <DeploymentProgressBar progress={progressOf(d.targets)} label={t('detail.progress')} />
      <DeploymentBatches targets={d.targets} />
    </Stack>
  );
}
