'use client';
/**
 * The sandbox's app: what runs now (name, version, the agent's instance state, whether it
 * confirmed ready over Mp1, the agent's message) and a picker over the developer's own apps and
 * their verified versions to deploy one (replacing what runs). A visitor without the developer
 * role (a store "Try it" sandbox) sees only what runs.
 */
import type { TApp, TAppVersion } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Badge, Button, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useViewer } from '@/auth/use-viewer';
import { localizedName } from '@/components/ui/localized-text';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { usePagedList } from '@/hooks/use-paged-list';
import { deployableVersions } from './deployable-versions';
import { useSandboxAction } from './use-sandbox-action';

const STATE_COLORS: Record<string, string> = { RUNNING: 'green', STARTING: 'yellow', PENDING: 'gray', CRASH_LOOP: 'red', FAILED: 'red', STOPPED: 'gray' };

function CurrentDeployment({ deployment }: { deployment: NonNullable<TSandbox['deployment']> }) {
  const t = useTranslations('sandbox.deploy');
  return (
    <Table withRowBorders={false} verticalSpacing={2} data-testid="sandbox-deployment" data-state={deployment.state} data-ready={deployment.readyConfirmed ? 'true' : 'false'}>
      <Table.Tbody>
        <Table.Tr><Table.Th scope="row" w="40%">{t('app')}</Table.Th><Table.Td>{deployment.appName} {deployment.version}</Table.Td></Table.Tr>
        <Table.Tr><Table.Th scope="row">{t('state')}</Table.Th><Table.Td><Badge variant="light" color={STATE_COLORS[deployment.state] ?? 'blue'} data-testid="deployment-state">{deployment.state}</Badge></Table.Td></Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('ready')}</Table.Th>
          <Table.Td><Badge variant="light" color={deployment.readyConfirmed ? 'green' : 'gray'} data-testid="deployment-ready">{deployment.readyConfirmed ? t('readyYes') : t('readyNo')}</Badge></Table.Td>
        </Table.Tr>
        {deployment.message && <Table.Tr><Table.Th scope="row">{t('message')}</Table.Th><Table.Td><Text size="sm">{deployment.message}</Text></Table.Td></Table.Tr>}
      </Table.Tbody>
    </Table>
  );
}

function VersionPicker({ sandbox, onChanged }: { sandbox: TSandbox; onChanged: (s: TSandbox) => void }) {
  const t = useTranslations('sandbox.deploy');
  const locale = useLocale();
  const apps = usePagedList<TApp>('/api/v1/apps?limit=100');
  const [appId, setAppId] = useState<string | null>(null);
  const versions = usePagedList<TAppVersion>(appId ? `/api/v1/apps/${encodeURIComponent(appId)}/versions?limit=50` : null, { clearOnPathChange: true });
  const [versionId, setVersionId] = useState<string | null>(null);
  const { send, busy, problem, clearProblem } = useSandboxAction(sandbox.id);
  const deployable = useMemo(() => deployableVersions(versions.items ?? []), [versions.items]);

  const deploy = async () => {
    if (!versionId) return;
    const next = await send<TSandbox>('deployment', { body: { appVersionId: versionId } });
    if (next) onChanged(next);
  };

  if (apps.problem) return <ProblemAlert heading={t('appsFailed')} problem={apps.problem} testId="deploy-apps-error" />;
  if (apps.items?.length === 0) return <Text size="sm" c="dimmed" data-testid="deploy-no-apps">{t('noApps')}</Text>;
  return (
    <Stack gap={6}>
      <Select label={t('pickApp')} placeholder={t('pickAppPlaceholder')} data={(apps.items ?? []).map((a) => ({ value: a.id, label: localizedName(a, locale) }))}
        value={appId} onChange={(v) => { setAppId(v); setVersionId(null); }} searchable data-testid="deploy-app" />
      {appId && versions.items && deployable.length === 0 && <Text size="sm" c="dimmed" data-testid="deploy-no-versions">{t('noVersions')}</Text>}
      {appId && deployable.length > 0 && (
        <Select label={t('pickVersion')} placeholder={t('pickVersionPlaceholder')} value={versionId} onChange={setVersionId} data-testid="deploy-version"
          data={deployable.map((v) => ({ value: v.id, label: t('versionOption', { version: v.version, status: v.status }) }))} />
      )}
      <Button w="fit-content" leftSection={<IconRocket size={16} aria-hidden="true" />} disabled={!versionId || sandbox.status === 'starting' || sandbox.status === 'failed'}
        loading={busy === 'deployment'} onClick={() => void deploy()} data-testid="deploy-submit">
        {sandbox.deployment ? t('replace') : t('deploy')}
      </Button>
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="deploy-error" onClose={clearProblem} />}
    </Stack>
  );
}

export function DeployApp({ sandbox, onChanged }: { sandbox: TSandbox; onChanged: (s: TSandbox) => void }) {
  const t = useTranslations('sandbox.deploy');
  const viewer = useViewer();
  const developer = !!viewer?.roles.some((r) => r === 'developer' || r === 'admin');
  return (
    <Stack gap="sm" component="section" aria-labelledby="deploy-title" data-testid="sandbox-deploy">
      <Title order={2} size="h4" id="deploy-title">{t('title')}</Title>
      {sandbox.deployment ? <CurrentDeployment deployment={sandbox.deployment} /> : <Text size="sm" c="dimmed" data-testid="deployment-none">{t('none')}</Text>}
      {developer && !sandbox.experience && <VersionPicker sandbox={sandbox} onChanged={onChanged} />}
    </Stack>
  );
}
