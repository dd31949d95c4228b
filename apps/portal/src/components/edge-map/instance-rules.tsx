'use client';
/**
 * The traffic and DNS rules of an app running on the node, from the AppD the store shows for the
 * app (its latest published version). The node's own applied rule state is not reported by
 * agents yet, so the panel says which version's AppD these come from.
 */
import type { TStoreAppDetail } from '@mecport/contracts';
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useApiJson } from '@/hooks/use-api-json';

export function InstanceRules({ appId, appName, runningVersion }: { appId: string; appName: string; runningVersion: string }) {
  const t = useTranslations('edgeMap.panel');
  const { data, problem } = useApiJson<TStoreAppDetail>(`/api/v1/store/apps/${appId}`);
  if (problem) return <Text size="sm" c="dimmed">{t('rulesUnavailable', { app: appName })}</Text>;
  if (!data) return <Text size="sm" c="dimmed" aria-busy="true">{t('loading')}</Text>;
  const appd = data.appd;
  const source = data.versions[0]?.version ?? '';
  return (
    <Stack gap={4} data-testid="instance-rules" data-app-id={appId}>
      <Group gap={6}>
        <Text size="sm" fw={600}>{appName}</Text>
        <Text size="xs" c="dimmed">{t('rulesSource', { version: source })}{source && source !== runningVersion ? ` · ${t('rulesVersionDiffers', { running: runningVersion })}` : ''}</Text>
      </Group>
      {!appd || (appd.trafficRules.length === 0 && appd.dnsRules.length === 0) ? (
        <Text size="sm" c="dimmed">{t('noRules')}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {appd.trafficRules.map((r) => (
            <List.Item key={`t-${r.trafficRuleId}`}><Badge size="xs" variant="light" mr={6}>{t('trafficRule')}</Badge>{r.trafficRuleId}: {r.action ?? '—'} · {r.filterType ?? '—'} · {t('priority', { value: r.priority ?? '—' })} · {t('filters', { count: r.filters })}</List.Item>
          ))}
          {appd.dnsRules.map((r) => (
            <List.Item key={`d-${r.dnsRuleId}`}><Badge size="xs" variant="light" color="grape" mr={6}>{t('dnsRule')}</Badge>{r.domainName} → {r.ipAddress ?? '—'}{r.ttl !== null ? ` (TTL ${r.ttl})` : ''}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
