'use client';
/**
 * One rule change (`/edge-map/rules/changes/{id}`): who made it and why, its rollout per node read
 * every 2 s until no node is pending (applied means the node's adapter confirmed every rule; a
 * failed node shows the adapter's reason), Retry for failed nodes, Roll back after a confirmation,
 * and the diff it made on each node.
 */
import type { TRuleChange, TRuleChangeSummary } from '@mecport/contracts';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconRefresh } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { ruleSummary } from './dry-run-model';
import { retryChange, rollbackChange } from './rules-api';
import { canRetry, canRollback, isSettled, rollbackOf, rolloutRows, STATUS_COLOR } from './rollout-model';

const POLL_MS = 2_000;

function Rollout({ change }: { change: TRuleChange }) {
  const t = useTranslations('edgeRules.change');
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="rollout-table">
        <Table.Thead><Table.Tr><Table.Th>{t('node')}</Table.Th><Table.Th>{t('version')}</Table.Th><Table.Th>{t('status')}</Table.Th><Table.Th>{t('reason')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rolloutRows(change).map((n) => (
            <Table.Tr key={n.nodeId} data-testid="rollout-node" data-node-id={n.nodeId} data-status={n.status}>
              <Table.Td><Anchor component={Link} href={`/edge-map?node=${n.nodeId}`} size="sm" aria-label={t('openNode', { node: n.nodeName })}>{n.nodeName}</Anchor></Table.Td>
              <Table.Td><Anchor component={Link} href={`/edge-map/nodes/${n.nodeId}/rule-sets`} size="sm">v{n.version}</Anchor></Table.Td>
              <Table.Td><Badge variant="light" color={STATUS_COLOR[n.status]}>{t(`nodeStatuses.${n.status}`)}</Badge></Table.Td>
              <Table.Td><Text size="sm" c={n.reason ? 'red.9' : 'dimmed'}>{n.reason ?? '—'}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Diff({ change }: { change: TRuleChange }) {
  const t = useTranslations('edgeRules.change');
  const tRun = useTranslations('edgeRules.dryRun');
  const names = new Map(change.nodes.map((n) => [n.nodeId, n.nodeName]));
  if (change.diff.length === 0) return <Text size="sm" c="dimmed">{t('noDiff')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withRowBorders={false} data-testid="change-diff">
        <Table.Tbody>
          {change.diff.slice(0, 200).map((d, i) => (
            <Table.Tr key={i} data-rule-id={d.ruleId} data-change={d.change}>
              <Table.Td><Text size="sm">{names.get(d.nodeId) ?? d.nodeId.slice(0, 8)}</Text></Table.Td>
              <Table.Td><Badge size="sm" variant="light" color={d.change === 'added' ? 'green' : d.change === 'removed' ? 'red' : 'blue'}>{tRun(`diffChange.${d.change}`)}</Badge></Table.Td>
              <Table.Td><Text size="sm">{d.ruleId}</Text></Table.Td>
              <Table.Td>
                {d.before && <Text size="xs" ff="monospace" c="dimmed">{tRun('before')}: {ruleSummary(d.before)}</Text>}
                {d.after && <Text size="xs" ff="monospace">{tRun('after')}: {ruleSummary(d.after)}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function RuleChangePage({ changeId }: { changeId: string }) {
  const t = useTranslations('edgeRules.change');
  const tRules = useTranslations('edgeRules');
  const format = useFormatter();
  const router = useRouter();
  const { apiFetch } = useAuth();
  const [settled, setSettled] = useState(false);
  const res = useApiJson<TRuleChange>(`/api/v1/edge/rules/changes/${changeId}`, { pollMs: settled ? undefined : POLL_MS });
  const list = useApiJson<{ items: TRuleChangeSummary[] }>(settled ? '/api/v1/edge/rules/changes' : null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'retry' | 'rollback' | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const change = res.data?.id === changeId ? res.data : null;
  const nowSettled = change ? isSettled(change) : false;
  useEffect(() => { setSettled(nowSettled); }, [nowSettled]);
  const rolledBackBy = change ? rollbackOf(change.id, list.data?.items ?? []) : null;

  const retry = async () => {
    setBusy('retry');
    const answer = await retryChange(apiFetch, changeId);
    setBusy(null);
    if (answer.ok) { setProblem(null); setSettled(false); res.reload(); } else setProblem(answer.problem);
  };
  const rollback = async () => {
    setBusy('rollback');
    const answer = await rollbackChange(apiFetch, changeId);
    setBusy(null);
    setConfirming(false);
    if (answer.ok) router.push(`/edge-map/rules/changes/${answer.data.id}`); else setProblem(answer.problem);
  };

  return (
    <Stack gap="md" data-testid="rule-change-page" data-change-id={changeId} data-status={change?.status ?? ''}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          {change && <Text c="dimmed">{t('summary', { kind: t(`kinds.${change.kind}`), who: change.createdByName ?? change.createdBy, when: format.dateTime(new Date(change.createdAt), { dateStyle: 'medium', timeStyle: 'medium' }) })}</Text>}
        </Stack>
        <Anchor component={Link} href="/edge-map/rules/changes" size="sm">{tRules('changesLink')}</Anchor>
      </Group>
      {res.problem && <ProblemAlert heading={t('failed')} problem={res.problem} testId="change-error" />}
      {problem && <ProblemAlert heading={t('actionFailed')} problem={problem} testId="change-action-error" onClose={() => setProblem(null)} />}
      {!change && !res.problem && <Stack gap="xs" aria-busy="true">{[0, 1, 2].map((i) => <Skeleton key={i} height={24} />)}</Stack>}
      {change && (
        <>
          {change.note && <Text size="sm">{t('note', { note: change.note })}</Text>}
          {change.rollbackOf && <Alert variant="light" color="gray"><Group gap="xs"><Text size="sm">{t('rollbackOf')}</Text><Anchor component={Link} href={`/edge-map/rules/changes/${change.rollbackOf}`} size="sm">{change.rollbackOf.slice(0, 8)}</Anchor></Group></Alert>}
          {rolledBackBy && <Alert variant="light" color="gray" data-testid="rolled-back-by"><Group gap="xs"><Text size="sm">{t('rolledBackBy')}</Text><Anchor component={Link} href={`/edge-map/rules/changes/${rolledBackBy}`} size="sm">{t('openRollback')}</Anchor></Group></Alert>}
          <Card withBorder component="section" aria-labelledby="rollout-heading">
            <Group justify="space-between" mb="sm">
              <Group gap="xs">
                <Title order={2} size="h4" id="rollout-heading">{t('status')}</Title>
                <Badge variant="light" color={STATUS_COLOR[change.status]} data-testid="change-status">{t(`statuses.${change.status}`)}</Badge>
                <Text size="sm" role="status" aria-live="polite" data-testid="change-counts">{t('counts', change.counts)}</Text>
                {!isSettled(change) && <Group gap={4}><Loader size="xs" aria-hidden="true" /><Text size="xs" c="dimmed">{t('live')}</Text></Group>}
              </Group>
              <Group gap="xs">
                {canRetry(change) && <Button size="xs" variant="light" leftSection={<IconRefresh size={14} aria-hidden="true" />} loading={busy === 'retry'} onClick={() => void retry()} data-testid="retry-change">{t('retry')}</Button>}
                <Button size="xs" color="red" variant="light" leftSection={<IconArrowBackUp size={14} aria-hidden="true" />} disabled={!canRollback(change, rolledBackBy)} onClick={() => setConfirming(true)} data-testid="rollback-change">{t('rollback')}</Button>
              </Group>
            </Group>
            <Rollout change={change} />
          </Card>
          <Card withBorder component="section" aria-labelledby="diff-heading">
            <Title order={2} size="h4" id="diff-heading" mb="sm">{t('diff')}</Title>
            <Diff change={change} />
          </Card>
        </>
      )}
      <ConfirmModal opened={confirming} title={t('rollbackTitle')} body={t('rollbackBody')} confirmLabel={t('rollback')} busy={busy === 'rollback'}
        onConfirm={() => void rollback()} onCancel={() => setConfirming(false)} />
    </Stack>
  );
}
