'use client';
/**
 * One app of the tenant in the developer workspace: edit the listing, see every version with its
 * status and validation counts, publish / deprecate / delete (each after a confirmation), and the
 * "Upload a version" section.
 */
import type { TApp, TAppVersion } from '@mecport/contracts';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { AppIcon } from '@/components/ui/app-icon';
import { localizedName } from '@/components/ui/localized-text';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { formatBytes } from '@/components/ui/format-bytes';
import { usePagedList } from '@/hooks/use-paged-list';
import { AppForm } from './app-form';
import { formFromApp, updateBody } from './app-form-model';
import { UploadSection } from './upload-section';
import { VersionStatusBadge } from './version-status-badge';
import { WorkloadKind } from '@/components/store/workload-kind';

type TAction = 'publish' | 'deprecate' | 'delete';

export function actionsFor(v: TAppVersion): TAction[] {
  const actions: TAction[] = [];
  if (v.status === 'validated' || v.status === 'certified') actions.push('publish');
  if (v.status === 'published') actions.push('deprecate');
  if (v.status === 'draft' || v.status === 'validated') actions.push('delete');
  return actions;
}

export function DeveloperAppPage({ appId }: { appId: string }) {
  const t = useTranslations('developer');
  const locale = useLocale();
  const format = useFormatter();
  const created = useSearchParams().get('created') === '1';
  const { apiFetch } = useAuth();
  const [app, setApp] = useState<TApp | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const { items: versions, setItems: setVersions, nextCursor: nextVersions, problem: versionsProblem, loadMore: moreVersions, reload: reloadVersionList } = usePagedList<TAppVersion>(
    `/api/v1/apps/${encodeURIComponent(appId)}/versions?limit=50`,
  );
  const [pending, setPending] = useState<{ action: TAction; version: TAppVersion } | null>(null);
  const [acting, setActing] = useState(false);
  const [actionProblem, setActionProblem] = useState<TApiProblem | null>(null);

  const loadApp = useCallback(async () => {
    setProblem(null);
    try {
      const res = await apiFetch(`/api/v1/apps/${encodeURIComponent(appId)}`);
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      setApp((await res.json()) as TApp);
    } catch (e) {
      setProblem(networkProblem(e));
    }
  }, [apiFetch, appId]);

  useEffect(() => { void loadApp(); }, [loadApp]);
  const reloadVersions = useCallback(() => reloadVersionList(), [reloadVersionList]);

  const act = async () => {
    if (!pending) return;
    const { action, version } = pending;
    setActing(true);
    setActionProblem(null);
    try {
      const base = `/api/v1/apps/${appId}/versions/${version.id}`;
      const res = action === 'delete' ? await apiFetch(base, { method: 'DELETE' }) : await apiFetch(`${base}/${action}`, { method: 'POST' });
      if (!res.ok) { setActionProblem(await readProblem(res)); return; }
      if (action === 'delete') setVersions((vs) => vs?.filter((v) => v.id !== version.id) ?? null);
      else {
        const updated = (await res.json()) as TAppVersion;
        setVersions((vs) => vs?.map((v) => (v.id === updated.id ? updated : v)) ?? null);
      }
    } catch (e) {
      setActionProblem(networkProblem(e));
    } finally {
      setActing(false);
      setPending(null);
    }
  };

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} href="/developer" size="sm">{t('apps.title')}</Anchor>
      {app && <Text size="sm">{localizedName(app, locale)}</Text>}
    </Breadcrumbs>
  );

  if (problem) {
    return (
      <Stack gap="lg" data-testid="developer-app">
        {crumbs}
        <Title order={1}>{t('app.notAvailable')}</Title>
        <ProblemAlert heading={t('app.failed')} problem={problem} testId="developer-app-error" />
      </Stack>
    );
  }
  if (!app) {
    return <Stack gap="md" aria-busy="true" data-testid="developer-app-loading">{crumbs}<Skeleton height={48} width="40%" /><Skeleton height={300} /></Stack>;
  }

  const published = versions?.some((v) => v.status === 'published');

  return (
    <Stack gap="xl" maw={1100} data-testid="developer-app" data-app-id={app.id}>
      {crumbs}
      <Group gap="md" wrap="nowrap">
        <AppIcon name={app.name} iconUrl={app.iconUrl} size={56} />
        <Stack gap={2}>
          <Title order={1} data-testid="developer-app-name">{localizedName(app, locale)}</Title>
          <Text size="sm" c="dimmed">{app.slug} · {app.provider}</Text>
        </Stack>
        {published && (
          <Button component={Link} href={`/store/${app.id}`} variant="subtle" ml="auto" rightSection={<IconExternalLink size={14} aria-hidden="true" />}>{t('app.viewInStore')}</Button>
        )}
      </Group>
      {created && <Alert color="green" variant="light" data-testid="app-created">{t('app.created')}</Alert>}

      <Stack gap="sm" component="section" data-testid="versions-section">
        <Title order={2} size="h3">{t('versions.title')}</Title>
        {actionProblem && <ProblemAlert heading={t('versions.actionFailed')} problem={actionProblem} testId="version-action-error" onClose={() => setActionProblem(null)} />}
        {versionsProblem && <ProblemAlert heading={t('versions.failed')} problem={versionsProblem} testId="versions-error" />}
        {versions === null && !versionsProblem && <Skeleton height={80} />}
        {versions?.length === 0 && <Text c="dimmed" data-testid="versions-empty">{t('versions.empty')}</Text>}
        {versions && versions.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped withTableBorder data-testid="versions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('versions.version')}</Table.Th><Table.Th>{t('versions.status')}</Table.Th><Table.Th>{t('versions.architecture')}</Table.Th><Table.Th>{t('versions.runsAs')}</Table.Th>
                  <Table.Th>{t('versions.validation')}</Table.Th><Table.Th>{t('versions.size')}</Table.Th><Table.Th>{t('versions.uploaded')}</Table.Th><Table.Th>{t('versions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.map((v) => (
                  <Table.Tr key={v.id} data-testid="version-row" data-version={v.version}>
                    <Table.Td fw={600}>{v.version}</Table.Td>
                    <Table.Td><VersionStatusBadge status={v.status} /></Table.Td>
                    <Table.Td>{v.architecture}</Table.Td>
                    <Table.Td><WorkloadKind workload={v.workload} /></Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" data-testid="validation-counts" aria-label={t('versions.validationLabel', { pass: v.validation.pass, warn: v.validation.warn, fail: v.validation.fail })} role="group">
                        <Badge size="sm" variant="light" color="green" aria-hidden="true">{t('versions.pass', { count: v.validation.pass })}</Badge>
                        <Badge size="sm" variant="light" color="yellow" aria-hidden="true">{t('versions.warn', { count: v.validation.warn })}</Badge>
                        <Badge size="sm" variant="light" color="red" aria-hidden="true">{t('versions.fail', { count: v.validation.fail })}</Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatBytes(v.packageSize, format)}</Table.Td>
                    <Table.Td>{format.dateTime(new Date(v.createdAt), { dateStyle: 'medium' })}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {actionsFor(v).map((action) => (
                          <Button key={action} size="xs" variant={action === 'publish' ? 'filled' : 'light'} color={action === 'publish' ? undefined : action === 'delete' ? 'red' : 'orange'}
                            onClick={() => setPending({ action, version: v })} data-testid={`version-${action}`} aria-label={t(`versions.${action}Label`, { version: v.version })}>
                            {t(`versions.${action}`)}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {nextVersions && <Button variant="light" w="fit-content" onClick={moreVersions}>{t('apps.more')}</Button>}
      </Stack>

      <UploadSection appId={app.id} onVersionsChanged={reloadVersions} />

      <Stack gap="sm" component="section" data-testid="listing-section">
        <Title order={2} size="h3">{t('app.listing')}</Title>
        <AppForm
          mode="edit"
          initial={formFromApp(app)}
          onSubmit={async (values) => {
            const body = updateBody(formFromApp(app), values);
            if (Object.keys(body).length === 0) return null;
            try {
              const res = await apiFetch(`/api/v1/apps/${app.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
              if (!res.ok) return await readProblem(res);
              setApp((await res.json()) as TApp);
              return null;
            } catch (e) {
              return networkProblem(e);
            }
          }}
        />
      </Stack>

      {pending && (
        <ConfirmModal
          opened
          title={t(`versions.confirm.${pending.action}Title`, { version: pending.version.version })}
          body={t(`versions.confirm.${pending.action}Body`)}
          confirmLabel={t(`versions.${pending.action}`)}
          color={pending.action === 'publish' ? 'blue' : 'red'}
          busy={acting}
          onConfirm={() => void act()}
          onCancel={() => setPending(null)}
        />
      )}
    </Stack>
  );
}
