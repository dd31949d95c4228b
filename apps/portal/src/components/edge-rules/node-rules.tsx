'use client';
/**
 * The node side panel's steering (GET /api/v1/edge/nodes/{id}/rules, re-read every 10 s): the
 * rule-set version and the one the node confirmed applied, each instance's rules with their state
 * and applied status as the agent reported it, and the names its local DNS answers for which app.
 * Links to configure the node's rules and to its versions.
 */
import type { TNodeRules } from '@mecport/contracts';
import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { InstanceRuleList, type TStatusOf } from './instance-rule-list';
import { rulesHref } from './rule-target-model';

export function NodeRules({ nodeId }: { nodeId: string }) {
  const t = useTranslations('edgeRules.panel');
  const path = `/api/v1/edge/nodes/${nodeId}/rules`;
  const { data, loadedPath, problem } = useApiJson<TNodeRules>(path, { pollMs: 10_000 });
  const rules = loadedPath === path ? data : null;
  const links = (
    <Group gap="md">
      <Anchor component={Link} href={rulesHref([nodeId])} size="sm" data-testid="node-configure-rules">{t('configure')}</Anchor>
      <Anchor component={Link} href={`/edge-map/nodes/${nodeId}/rule-sets`} size="sm" data-testid="node-rule-history">{t('history')}</Anchor>
    </Group>
  );
  if (problem && !rules) return <Stack gap="xs"><ProblemAlert heading={t('failed')} problem={problem} testId="node-rules-error" />{links}</Stack>;
  if (!rules) return <Text size="sm" c="dimmed" aria-busy="true">{t('loading')}</Text>;
  const statuses = new Map(rules.statuses.map((s) => [`${s.appInstanceId}:${s.kind}:${s.ruleId}`, s]));
  const statusOf: TStatusOf = (appInstanceId, kind, ruleId) => {
    const s = statuses.get(`${appInstanceId}:${kind}:${ruleId}`);
    return s ? { state: s.state, reason: s.reason, byApp: !!s.stateChangedBy?.startsWith('app:') } : null;
  };
  const empty = rules.instances.every((i) => i.trafficRules.length === 0 && i.dnsRules.length === 0);
  return (
    <Stack gap="xs" data-testid="node-rules" data-version={rules.version} data-applied-version={rules.appliedVersion ?? ''}>
      <Group gap="xs">
        <Badge variant="light">{t('version', { version: rules.version })}</Badge>
        <Text size="xs" c={rules.appliedVersion === rules.version ? 'green.9' : 'dimmed'} data-testid="node-rules-applied">{t('applied', { applied: rules.appliedVersion === null ? 'none' : String(rules.appliedVersion) })}</Text>
        <Text size="xs" c="dimmed">{rules.adapter}</Text>
      </Group>
      {empty ? <Text size="sm" c="dimmed" data-testid="node-rules-empty">{t('none')}</Text> : <InstanceRuleList instances={rules.instances} statusOf={statusOf} />}
      <Text size="sm" fw={600}>{t('dnsAnswers')}</Text>
      {rules.dnsAnswers.length === 0 ? <Text size="sm" c="dimmed" data-testid="dns-answers-empty">{t('noDnsAnswers')}</Text> : (
        <List size="sm" data-testid="dns-answers">
          {rules.dnsAnswers.map((a) => (
            <List.Item key={`${a.appInstanceId}:${a.domainName}`} data-domain={a.domainName}>
              {t('dnsAnswer', { name: a.domainName, address: a.ipAddress, app: a.appName })}{a.ttl !== null ? ` (TTL ${a.ttl})` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {links}
    </Stack>
  );
}
