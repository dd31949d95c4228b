'use client';
/**
 * One app instance: where it runs, which app and version, desired and reported state, restarts,
 * the Mp1 ready flag, a container app's images with the digests that ran, the agent's message (in the reader's language) and the tail of its log, read
 * again every few seconds until the instance is gone; once it left the desired state, why
 * (terminated by an operator, or withdrawn by its failed deployment). Terminate (after a confirmation) and a shortcut to upgrade it.
 */
import type { TAppInstanceDetail } from '@mecport/contracts';
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowUpCircle, IconPlayerStop } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { EdgeCrumbs } from './edge-crumbs';
import { InstanceImages } from './instance-images';
import { InstanceLog } from './instance-log';
import { instanceMessageText } from './server-message-text';
import { InstanceStateBadge } from './status-badges';
import { useServerText } from './use-server-text';
import { useApiResource } from '@/hooks/use-api-resource';

export const INSTANCE_POLL_MS = 2000;

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <div>{children}</div>
    </Stack>
  );
}

function Facts({ i }: { i: TAppInstanceDetail }) {
  const t = useTranslations('edgeDeploy');
  const tc = useTranslations('edgeCleanup');
  const format = useFormatter();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="instance-facts">
      <Fact label={t('instance.node')} testId="instance-node"><Anchor component={Link} href={`/edge-map/nodes/${i.nodeId}`} size="sm">{i.nodeName}</Anchor></Fact>
      <Fact label={t('instance.app')} testId="instance-app"><Text size="sm">{i.appName}</Text></Fact>
      <Fact label={t('instance.version')} testId="instance-version"><Text size="sm">{i.version}</Text></Fact>
      <Fact label={t('instance.desired')} testId="instance-desired">
        <Text size="sm" data-desired={i.desiredState}>{i.desiredState === 'REMOVED' ? tc('desiredRemoved') : t(`status.desired.${i.desiredState}`)}</Text>
      </Fact>
      <Fact label={t('instance.reported')}><InstanceStateBadge state={i.state} /></Fact>
      <Fact label={t('instance.restarts')} testId="instance-restarts"><Text size="sm">{i.restarts}</Text></Fact>
      <Fact label={t('instance.ready')} testId="instance-ready">
        <Badge variant="light" color={i.ready ? 'green' : 'gray'} data-ready={i.ready}>{i.ready ? t('instance.readyYes') : t('instance.readyNo')}</Badge>
      </Fact>
      <Fact label={t('instance.updated')}><Text size="sm">{format.dateTime(new Date(i.updatedAt), { dateStyle: 'medium', timeStyle: 'medium' })}</Text></Fact>
      {i.deploymentId && (
        <Fact label={t('instance.deployment')}>
          <Anchor component={Link} href={`/edge-map/deployments/${i.deploymentId}`} size="sm" data-testid="instance-deployment-link">{t('instance.openDeployment')}</Anchor>
        </Fact>
      )}
    </SimpleGrid>
  );
}

export function InstancePage({ instanceId }: { instanceId: string }) {
  const t = useTranslations('edgeDeploy');
  const tc = useTranslations('edgeCleanup');
  const serverText = useServerText();
  const { apiFetch } = useAuth();
  const { data: i, problem, setData } = useApiResource<TAppInstanceDetail>(`/api/v1/edge/instances/${encodeURIComponent(instanceId)}`, {
    pollMs: INSTANCE_POLL_MS,
    keepPolling: (x) => x.state !== 'REMOVED',
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionProblem, setActionProblem] = useState<TApiProblem | null>(null);
  const crumbs = <EdgeCrumbs trail={[{ href: '/edge-map/deployments', label: t('list.title') }]} current={i ? t('instance.crumb', { app: i.appName, node: i.nodeName }) : undefined} />;

  if (!i) {
    return (
      <Stack gap="lg" data-testid="instance-page">
        {crumbs}
        {problem ? (
          <><Title order={1}>{t('instance.notAvailable')}</Title><ProblemAlert heading={t('instance.failed')} problem={problem} testId="instance-error" /></>
        ) : (
          <Stack gap="md" aria-busy="true" data-testid="instance-loading"><Skeleton height={40} width="40%" /><Skeleton height={160} /></Stack>
        )}
      </Stack>
    );
  }

  const terminate = async () => {
    setBusy(true);
    setActionProblem(null);
    try {
      const res = await apiFetch(`/api/v1/edge/instances/${i.id}/terminate`, { method: 'POST' });
      if (!res.ok) setActionProblem(await readProblem(res));
      else setData((await res.json()) as TAppInstanceDetail);
    } catch (e) {
      setActionProblem(networkProblem(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const gone = i.state === 'REMOVED';
  const upgradeHref = `/edge-map/deployments/new?${new URLSearchParams({ appId: i.appId, nodeIds: i.nodeId, kind: 'upgrade' })}`;

  return (
    <Stack gap="lg" maw={1200} data-testid="instance-page" data-instance-id={i.id} data-state={i.state} data-terminating={i.terminating}>
      {crumbs}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('instance.title', { app: i.appName, node: i.nodeName })}</Title>
          <Text size="sm" c="dimmed" ff="monospace">{i.id}</Text>
        </Stack>
        <Group gap="xs">
          {!gone && !i.terminating && (
            <Button component={Link} href={upgradeHref} variant="light" leftSection={<IconArrowUpCircle size={16} aria-hidden="true" />} data-testid="instance-upgrade">
              {t('instance.upgrade')}
            </Button>
          )}
          <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} aria-hidden="true" />} disabled={gone || i.terminating}
            onClick={() => setConfirming(true)} data-testid="instance-terminate">
            {t('instance.terminate')}
          </Button>
        </Group>
      </Group>
      <div role="status" aria-live="polite">
        {i.terminationReason && <Alert color={i.terminationReason === 'deployment_failed' ? 'orange' : 'gray'} variant="light" mb="xs" data-testid="instance-termination" data-reason={i.terminationReason}>{tc(`termination.${i.terminationReason}`)}</Alert>}
        {i.terminating && <Alert color="yellow" variant="light" data-testid="instance-terminating">{t('instance.terminating')}</Alert>}
        {gone && <Alert color="gray" variant="light" data-testid="instance-removed">{t('instance.removed')}</Alert>}
      </div>
      {actionProblem && <ProblemAlert heading={t('instance.terminateFailed')} problem={actionProblem} testId="instance-action-error" onClose={() => setActionProblem(null)} />}
      {problem && <ProblemAlert heading={t('instance.refreshFailed')} problem={problem} testId="instance-refresh-error" />}
      {i.message && <Alert color={i.state === 'RUNNING' ? 'blue' : 'orange'} variant="light" title={t('instance.message')} data-testid="instance-message" data-code={i.messageCode ?? ''}>{instanceMessageText(serverText, i)}</Alert>}
      <Facts i={i} />
      <InstanceImages images={i.images} />
      <InstanceLog lines={i.logTail} live={!gone} />
      <ConfirmModal opened={confirming} title={t('instance.confirmTitle', { app: i.appName, node: i.nodeName })} body={t('instance.confirmBody')}
        confirmLabel={t('instance.terminate')} busy={busy} onConfirm={() => void terminate()} onCancel={() => setConfirming(false)} />
    </Stack>
  );
}
