'use client';
/**
 * One sandbox: its facts and controls, the live map of the emulated site (stream, or polls of
 * the world), the inject panel, the app deployed into it, and its calls, logs and events.
 * The sandbox itself is re-read every few seconds (status, deployment, readyConfirmed); a status
 * message of the stream updates it at once. A 404 means it was deleted or expired.
 */
import type { TLngLat, TSandbox, TScenario, TWorldSnapshot } from '@mecport/contracts/sandbox';
import { Alert, Anchor, Breadcrumbs, Card, Center, Grid, Loader, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { useMapConfig } from '@/components/edge-map/edge-map-config';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { useApiResource } from '@/hooks/use-api-resource';
import { AppLogs } from './app-logs';
import { bilingual } from './bilingual';
import { CallLog } from './call-log';
import { DeployApp } from './deploy-app';
import { EventLog } from './event-log';
import { InjectEvents } from './inject-events';
import { SandboxControls } from './sandbox-controls';
import { SandboxFacts } from './sandbox-facts';
import { SandboxMapLoader } from './sandbox-map-loader';
import { useInjectEvents } from './use-inject-events';
import { useSandboxStream } from './use-sandbox-stream';
import { ZoneTable } from './zone-table';

const POLL_MS = 3000;

function LiveSite({ sandbox, scenario, world, onChanged }: { sandbox: TSandbox; scenario: TScenario | null; world: TWorldSnapshot | null; onChanged: (s: TSandbox) => void }) {
  const t = useTranslations('sandbox');
  const { tileUrl } = useMapConfig();
  const { inject, busy, results } = useInjectEvents(sandbox.id);
  const [ueId, setUeId] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  const onPick = useCallback((at: TLngLat) => {
    if (!ueId) return;
    setPicking(false);
    void inject({ kind: 'move-ue', target: ueId, params: { to: at } });
  }, [inject, ueId]);

  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setPicking(false); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picking]);

  const poaLabel = (poa: TWorldSnapshot['poas'][number]) => t(poa.up ? 'map.poa' : 'map.poaDown', { poa: poa.id, type: poa.type, zone: poa.zoneId });
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="xs">
          <div style={{ height: 480 }}>
            {world ? (
              <SandboxMapLoader world={world} scenario={scenario} tileUrl={tileUrl} mapLabel={t('map.label', { name: sandbox.name })} poaLabel={poaLabel}
                nodeLabel={(name) => t('map.node', { name })} selectedUeId={ueId} pickingUe={picking ? ueId : null} onPick={onPick} onSelectUe={setUeId} />
            ) : (
              <Center h="100%" data-testid="sandbox-map-waiting"><Stack align="center" gap={4}><Loader size="sm" aria-hidden="true" /><Text size="sm" c="dimmed">{t('map.waiting')}</Text></Stack></Center>
            )}
          </div>
          {world && <ZoneTable world={world} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="lg">
          <Card withBorder padding="md">
            <InjectEvents world={world} ueId={ueId} onUe={setUeId} picking={picking} onPicking={setPicking} busy={busy} results={results} inject={inject} />
          </Card>
          <Card withBorder padding="md"><DeployApp sandbox={sandbox} onChanged={onChanged} /></Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

export function SandboxPage({ sandboxId }: { sandboxId: string }) {
  const t = useTranslations('sandbox');
  const locale = useLocale();
  const { data: sandbox, problem, setData } = useApiResource<TSandbox>(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}`, { pollMs: POLL_MS });
  const scenario = useApiJson<TScenario>(sandbox ? `/api/v1/sandbox-scenarios/${encodeURIComponent(sandbox.scenarioId)}` : null);
  const gone = problem?.status === 404;
  const { state: live, mode } = useSandboxStream(sandboxId, !!sandbox && !gone);

  // A status message of the stream is news: apply it now rather than at the next poll (only a new message, not every re-read).
  useEffect(() => {
    if (live.status && sandbox) setData({ ...sandbox, ...live.status });
  }, [live.status]);

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} href="/sandboxes" size="sm">{t('list.title')}</Anchor>
      {sandbox && <Text size="sm">{sandbox.name}</Text>}
    </Breadcrumbs>
  );
  if (!sandbox) {
    return (
      <Stack gap="lg" data-testid="sandbox-page-loading">
        {crumbs}
        {problem?.status === 404 ? (
          <>
            <Title order={1}>{t('page.goneTitle')}</Title>
            <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} data-testid="sandbox-gone">{t('page.gone')}</Alert>
          </>
        ) : problem ? (
          <><Title order={1}>{t('page.failedTitle')}</Title><ProblemAlert heading={t('page.loadFailed')} problem={problem} testId="sandbox-load-error" /></>
        ) : (
          <><Title order={1}>{t('page.loading')}</Title><Skeleton height={480} /></>
        )}
      </Stack>
    );
  }

  const scenarioName = scenario.data ? bilingual(scenario.data.name, locale) : sandbox.scenarioId;
  const liveish = sandbox.status === 'running' || sandbox.status === 'starting' || !!sandbox.deployment;
  return (
    <Stack gap="md" data-testid="sandbox-page" data-sandbox-id={sandbox.id} data-status={sandbox.status}>
      {crumbs}
      <Title order={1}>{sandbox.name}</Title>
      <SandboxFacts sandbox={sandbox} scenarioName={scenarioName} timeSec={live.world?.timeSec ?? sandbox.timeSec} mode={mode} />
      {gone && <Alert color="gray" variant="light" data-testid="sandbox-gone">{t('page.gone')}</Alert>}
      <SandboxControls sandbox={sandbox} onChanged={setData} />
      <LiveSite sandbox={sandbox} scenario={scenario.data} world={live.world} onChanged={setData} />
      <Tabs defaultValue="calls" keepMounted={false}>
        <Tabs.List aria-label={t('page.tabs')}>
          <Tabs.Tab value="calls" data-testid="tab-calls">{t('calls.title')}</Tabs.Tab>
          <Tabs.Tab value="logs" data-testid="tab-logs">{t('logs.title')}</Tabs.Tab>
          <Tabs.Tab value="events" data-testid="tab-events">{t('events.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calls" pt="sm"><CallLog sandboxId={sandbox.id} live={liveish} /></Tabs.Panel>
        <Tabs.Panel value="logs" pt="sm"><AppLogs sandboxId={sandbox.id} live={liveish} /></Tabs.Panel>
        <Tabs.Panel value="events" pt="sm"><EventLog sandboxId={sandbox.id} live={liveish} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
