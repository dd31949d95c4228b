'use client';
/**
 * A node's rule-set versions (`/edge-map/nodes/{id}/rule-sets`): every version, newest first, with
 * who made it and when, which one is current and which the node confirmed applied; one version's
 * rules on demand; Restore makes a new version from an old one (after a confirmation) and opens
 * the change's rollout.
 */
import type { TNodeDetail, TNodeRules, TRuleSetVersion, TRuleSetVersionSummary } from '@mecport/contracts';
import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconRestore } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { InstanceRuleList } from './instance-rule-list';
import { restoreVersion } from './rules-api';

function VersionRules({ nodeId, version }: { nodeId: string; version: number }) {
  const t = useTranslations('edgeRules.history');
  const { data, problem } = useApiJson<TRuleSetVersion>(`/api/v1/edge/nodes/${nodeId}/rule-sets/${version}`);
  if (problem) return <ProblemAlert heading={t('failed')} problem={problem} />;
  if (!data || data.version !== version) return <Skeleton height={40} aria-busy="true" />;
  return <div data-testid="rule-set-view" data-version={version}><InstanceRuleList instances={data.instances} /></div>;
}

export function NodeRuleHistory({ nodeId }: { nodeId: string }) {
  const t = useTranslations('edgeRules.history');
  const tRules = useTranslations('edgeRules');
  const format = useFormatter();
  const router = useRouter();
  const { apiFetch } = useAuth();
  const node = useApiJson<TNodeDetail>(`/api/v1/edge/nodes/${nodeId}`);
  const current = useApiJson<TNodeRules>(`/api/v1/edge/nodes/${nodeId}/rules`);
  const list = useApiJson<{ items: TRuleSetVersionSummary[] }>(`/api/v1/edge/nodes/${nodeId}/rule-sets?limit=100`);
  const [open, setOpen] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const name = node.data?.node.name;
  const items = list.data?.items ? [...list.data.items].sort((a, b) => b.version - a.version) : null;

  const restore = async (version: number) => {
    setBusy(true);
    const answer = await restoreVersion(apiFetch, nodeId, version);
    setBusy(false);
    setRestoring(null);
    if (answer.ok) router.push(`/edge-map/rules/changes/${answer.data.id}`); else setProblem(answer.problem);
  };

  return (
    <Stack gap="md" data-testid="node-rule-history" data-node-id={nodeId}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{name ? t('title', { node: name }) : t('titleLoading')}</Title>
        <Anchor component={Link} href={`/edge-map?node=${nodeId}`} size="sm">{tRules('back')}</Anchor>
      </Group>
      {list.problem && <ProblemAlert heading={t('failed')} problem={list.problem} />}
      {problem && <ProblemAlert heading={t('restoreFailed')} problem={problem} onClose={() => setProblem(null)} testId="restore-error" />}
      {!items && !list.problem && <Stack gap="xs" aria-busy="true">{[0, 1, 2].map((i) => <Skeleton key={i} height={48} />)}</Stack>}
      {items && items.length === 0 && <Text c="dimmed" data-testid="rule-sets-empty">{t('empty')}</Text>}
      {items?.map((v) => {
        const isCurrent = current.data?.version === v.version;
        return (
          <Card key={v.version} withBorder padding="sm" data-testid="rule-set-version" data-version={v.version}>
            <Group justify="space-between">
              <Group gap="xs">
                <Text fw={600}>{t('version', { version: v.version })}</Text>
                {isCurrent && <Badge variant="light">{t('current')}</Badge>}
                {current.data?.appliedVersion === v.version && <Badge variant="light" color="green">{t('applied')}</Badge>}
                <Text size="sm" c="dimmed">{v.changeId ? t('by', { who: v.createdBy, when: format.dateTime(new Date(v.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) }) : t('fromAppd')}</Text>
                {v.changeId && <Anchor component={Link} href={`/edge-map/rules/changes/${v.changeId}`} size="sm">{v.changeId.slice(0, 8)}</Anchor>}
              </Group>
              <Group gap="xs">
                <Button size="xs" variant="default" leftSection={<IconEye size={14} aria-hidden="true" />} aria-expanded={open === v.version}
                  onClick={() => setOpen(open === v.version ? null : v.version)} data-testid="rule-set-view-toggle">{t('view', { version: v.version })}</Button>
                {!isCurrent && <Button size="xs" color="orange" variant="light" leftSection={<IconRestore size={14} aria-hidden="true" />} onClick={() => setRestoring(v.version)} data-testid="rule-set-restore">{t('restore', { version: v.version })}</Button>}
              </Group>
            </Group>
            {open === v.version && <Stack mt="sm"><VersionRules nodeId={nodeId} version={v.version} /></Stack>}
          </Card>
        );
      })}
      <ConfirmModal opened={restoring !== null} title={t('restoreTitle', { version: restoring ?? 0 })} body={t('restoreBody', { version: restoring ?? 0 })}
        confirmLabel={t('restore', { version: restoring ?? 0 })} color="orange" busy={busy} onConfirm={() => { if (restoring !== null) void restore(restoring); }} onCancel={() => setRestoring(null)} />
    </Stack>
  );
}
