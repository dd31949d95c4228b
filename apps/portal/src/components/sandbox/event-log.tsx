'use client';
/** The sandbox's ordered event log (`GET .../events`): what the engine did, in order, paged and re-read while the sandbox runs. */
import type { TEngineEvent } from '@mecport/contracts/sandbox';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { eventText } from './event-text';
import { clockText } from './time-left';
import { useLiveList } from './use-live-list';

const PAGE = 100;

export function EventLog({ sandboxId, live }: { sandboxId: string; live: boolean }) {
  const t = useTranslations('sandbox.events');
  const list = useLiveList<TEngineEvent>(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/events?limit=${PAGE}`, PAGE, live);
  return (
    <Stack gap="xs" data-testid="sandbox-events">
      {list.problem && <ProblemAlert heading={t('failed')} problem={list.problem} testId="sandbox-events-error" />}
      {list.items?.length === 0 && <Text size="sm" c="dimmed" data-testid="sandbox-events-empty">{t('empty')}</Text>}
      {list.items && list.items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped fz="xs" data-testid="events-table">
            <Table.Thead><Table.Tr><Table.Th>{t('seq')}</Table.Th><Table.Th>{t('time')}</Table.Th><Table.Th>{t('kind')}</Table.Th><Table.Th>{t('what')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.items.map((e) => {
                const text = eventText(e);
                return (
                  <Table.Tr key={e.seq} data-testid="event-row" data-kind={e.kind}>
                    <Table.Td ff="monospace">{e.seq}</Table.Td>
                    <Table.Td ff="monospace">{clockText(e.timeSec)}</Table.Td>
                    <Table.Td><Badge size="xs" variant="light" color="gray" tt="none">{e.kind}</Badge></Table.Td>
                    <Table.Td>{t(`text.${text.key}`, text.values)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group gap="xs">
        {list.nextCursor && <Button size="xs" variant="light" onClick={list.loadMore} loading={list.loadingMore} data-testid="sandbox-events-more">{t('more')}</Button>}
        <Button size="xs" variant="default" onClick={() => list.reload()} data-testid="sandbox-events-refresh">{t('refresh')}</Button>
      </Group>
    </Stack>
  );
}
