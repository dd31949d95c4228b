'use client';
/**
 * The Sandbox area's home: the tenant's sandboxes (status, scenario, clock, sandbox time, time
 * left; "load more"), re-read every few seconds so statuses and clocks stay current, and the
 * form that starts a new one.
 */
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { usePagedList } from '@/hooks/use-paged-list';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { bilingual } from './bilingual';
import { ExpiryCountdown } from './expiry-countdown';
import { SandboxCreateForm } from './sandbox-create-form';
import { SandboxStatusBadge } from './sandbox-status-badge';
import { clockText } from './time-left';
import { useScenarios } from './use-scenarios';

const PAGE = 20;
const REFRESH_MS = 5000;

export function SandboxList() {
  const t = useTranslations('sandbox');
  const locale = useLocale();
  const list = usePagedList<TSandbox>(`/api/v1/sandboxes?limit=${PAGE}`, { init: { cache: 'no-store' }, keyOf: (s) => s.id });
  const scenarios = useScenarios();
  const [creating, setCreating] = useState(false);
  const { items, reload } = list;

  // Statuses and clocks move: re-read the first page while only it is shown (a re-read would drop later pages).
  const firstPageOnly = items !== null && items.length <= PAGE && !list.loadingMore;
  useEffect(() => {
    if (!firstPageOnly) return;
    const timer = setInterval(() => reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [firstPageOnly, reload]);

  const createButton = !creating && (
    <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)} data-testid="sandbox-new">{t('list.create')}</Button>
  );
  const scenarioName = (id: string) => { const s = scenarios.byId.get(id); return s ? bilingual(s.name, locale) : id; };

  return (
    <Stack gap="lg" maw={1100} data-testid="sandbox-list">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('list.title')}</Title>
          <Text c="dimmed">{t('list.description')}</Text>
        </Stack>
        {createButton}
      </Group>
      {creating && (
        <Card withBorder padding="lg">
          <SandboxCreateForm scenarios={scenarios.items} scenariosProblem={scenarios.problem} onCancel={() => setCreating(false)} />
        </Card>
      )}
      {list.problem && <ProblemAlert heading={t('list.failed')} problem={list.problem} testId="sandbox-list-error" />}
      {items === null && !list.problem && <Stack gap="xs" aria-busy="true" data-testid="sandbox-list-loading">{[0, 1, 2].map((i) => <Skeleton key={i} height={44} />)}</Stack>}
      {items?.length === 0 && (
        <Card withBorder padding="xl" data-testid="sandbox-list-empty">
          <Stack align="center" gap="sm">
            <Text fw={600}>{t('list.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">{t('list.emptyBody')}</Text>
          </Stack>
        </Card>
      )}
      {items && items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="sandbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.name')}</Table.Th><Table.Th>{t('list.status')}</Table.Th><Table.Th>{t('list.scenario')}</Table.Th>
                <Table.Th>{t('list.clock')}</Table.Th><Table.Th>{t('list.time')}</Table.Th><Table.Th>{t('list.expires')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="sandbox-row" data-sandbox-id={s.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component={Link} href={`/sandboxes/${s.id}`} fw={600}>{s.name}</Anchor>
                      {s.experience && <Badge size="xs" variant="outline" color="grape">{t('list.experience')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <SandboxStatusBadge status={s.status} />
                    {s.status === 'failed' && s.failureReason && <Text size="xs" c="red.8" data-testid="sandbox-row-failure">{s.failureReason}</Text>}
                  </Table.Td>
                  <Table.Td>{scenarioName(s.scenarioId)}</Table.Td>
                  <Table.Td>{t(`clock.${s.clock}`)}</Table.Td>
                  <Table.Td ff="monospace">{clockText(s.timeSec)}</Table.Td>
                  <Table.Td><ExpiryCountdown expiresAt={s.expiresAt} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.nextCursor && <Button variant="light" w="fit-content" onClick={list.loadMore} loading={list.loadingMore} data-testid="sandbox-list-more">{t('list.more')}</Button>}
    </Stack>
  );
}
