'use client';
/** The rules of the app instances in one rule set (a version, or the node's current one), with each rule's applied status when known. */
import type { TRuleSetVersion } from '@mecport/contracts';
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { ruleSummary } from './dry-run-model';

type TInstanceRules = TRuleSetVersion['instances'][number];
export type TStatusOf = (appInstanceId: string, kind: 'traffic' | 'dns', ruleId: string) => { state: string; reason: string | null; byApp: boolean } | null;

const STATUS_COLOR: Record<string, string> = { applied: 'green', pending: 'blue', failed: 'red', unsupported: 'orange', removed: 'gray', unknown: 'gray' };

export function InstanceRuleList({ instances, statusOf }: { instances: readonly TInstanceRules[]; statusOf?: TStatusOf }) {
  const t = useTranslations('edgeRules');
  const badge = (appInstanceId: string, kind: 'traffic' | 'dns', ruleId: string) => {
    if (!statusOf) return null;
    const s = statusOf(appInstanceId, kind, ruleId);
    const state = s?.state ?? 'unknown';
    return (
      <>
        <Badge size="xs" variant="light" color={STATUS_COLOR[state] ?? 'gray'} ml={6} title={s?.reason ?? undefined} data-testid="rule-applied-status" data-status={state}>{t(`panel.ruleStatus.${state as 'applied'}`)}</Badge>
        {s?.byApp && <Badge size="xs" variant="outline" color="grape" ml={4}>{t('panel.changedByApp')}</Badge>}
        {s?.reason && <Text span size="xs" c="red.9" ml={4}>{s.reason}</Text>}
      </>
    );
  };
  return (
    <Stack gap="xs">
      {instances.map((inst) => (
        <Stack key={inst.appInstanceId} gap={2} data-testid="rule-set-instance" data-app-instance-id={inst.appInstanceId}>
          <Text size="sm" fw={600}>{inst.appName}</Text>
          {inst.trafficRules.length === 0 && inst.dnsRules.length === 0 ? <Text size="sm" c="dimmed">{t('history.noRules')}</Text> : (
            <List size="sm" spacing={2}>
              {inst.trafficRules.map((r) => (
                <List.Item key={`t-${r.trafficRuleId}`} data-testid="node-rule" data-kind="traffic" data-rule-id={r.trafficRuleId} data-state={r.state}>
                  <Group gap={4} wrap="wrap">
                    <Badge size="xs" variant="light">{t('draft.traffic')}</Badge>
                    <Text span size="sm" fw={500}>{r.trafficRuleId}</Text>
                    <Text span size="xs" ff="monospace">{ruleSummary(r)}</Text>
                    <Badge size="xs" variant="dot" color={r.state === 'ACTIVE' ? 'green' : 'gray'}>{t(`states.${r.state}`)}</Badge>
                    {badge(inst.appInstanceId, 'traffic', r.trafficRuleId)}
                  </Group>
                </List.Item>
              ))}
              {inst.dnsRules.map((r) => (
                <List.Item key={`d-${r.dnsRuleId}`} data-testid="node-rule" data-kind="dns" data-rule-id={r.dnsRuleId} data-state={r.state}>
                  <Group gap={4} wrap="wrap">
                    <Badge size="xs" variant="light" color="grape">{t('draft.dns')}</Badge>
                    <Text span size="sm" fw={500}>{r.dnsRuleId}</Text>
                    <Text span size="xs" ff="monospace">{ruleSummary(r)}</Text>
                    <Badge size="xs" variant="dot" color={r.state === 'ACTIVE' ? 'green' : 'gray'}>{t(`states.${r.state}`)}</Badge>
                    {badge(inst.appInstanceId, 'dns', r.dnsRuleId)}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
