'use client';
/** The recent rule changes (`/edge-map/rules/changes`): when, what kind, by whom, status and node counts, each opening its rollout. */
import type { TRuleChangeSummary } from '@mecport/contracts';
import { Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { STATUS_COLOR } from './rollout-model';

export function RuleChangesList() {
  const t = useTranslations('edgeRules');
  const format = useFormatter();
  const res = useApiJson<{ items: TRuleChangeSummary[] }>('/api/v1/edge/rules/changes', { pollMs: 10_000 });
  const items = res.data?.items ?? null;
  return (
    <Stack gap="md" data-testid="rule-changes">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('changes.title')}</Title>
        <Button component={Link} href="/edge-map/rules" leftSection={<IconPlus size={16} aria-hidden="true" />}>{t('title')}</Button>
      </Group>
      {res.problem && <ProblemAlert heading={t('changes.failed')} problem={res.problem} />}
      {!items && !res.problem && <Stack gap="xs" aria-busy="true">{[0, 1, 2].map((i) => <Skeleton key={i} height={24} />)}</Stack>}
      {items && items.length === 0 && <Text c="dimmed" data-testid="rule-changes-empty">{t('changes.empty')}</Text>}
      {items && items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('changes.when')}</Table.Th><Table.Th>{t('changes.kind')}</Table.Th><Table.Th>{t('changes.who')}</Table.Th><Table.Th>{t('changes.status')}</Table.Th><Table.Th>{t('changes.nodes')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="rule-change-row" data-change-id={c.id}>
                  <Table.Td><Anchor component={Link} href={`/edge-map/rules/changes/${c.id}`} size="sm">{format.dateTime(new Date(c.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</Anchor></Table.Td>
                  <Table.Td>{t(`change.kinds.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.createdByName ?? c.createdBy}</Table.Td>
                  <Table.Td><Badge variant="light" color={STATUS_COLOR[c.status]}>{t(`change.statuses.${c.status}`)}</Badge></Table.Td>
                  <Table.Td>{t('change.counts', c.counts)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
