'use client';
/** The app's and the agent's log lines in the sandbox (paged, re-read while the sandbox runs). */
import type { ZSandboxLogLine } from '@mecport/contracts/sandbox';
import type { z } from 'zod';
import { Badge, Button, Code, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useLiveList } from './use-live-list';

type TLogLine = z.infer<typeof ZSandboxLogLine>;
const PAGE = 200;

export function AppLogs({ sandboxId, live }: { sandboxId: string; live: boolean }) {
  const t = useTranslations('sandbox.logs');
  const format = useFormatter();
  const list = useLiveList<TLogLine>(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/logs?limit=${PAGE}`, PAGE, live);
  return (
    <Stack gap="xs" data-testid="sandbox-logs">
      {list.problem && <ProblemAlert heading={t('failed')} problem={list.problem} testId="sandbox-logs-error" />}
      {list.items?.length === 0 && <Text size="sm" c="dimmed" data-testid="sandbox-logs-empty">{t('empty')}</Text>}
      {list.items && list.items.length > 0 && (
        <ScrollArea.Autosize mah={420} type="auto" tabIndex={0} aria-label={t('title')}>
          <Stack gap={0} ff="monospace" fz="xs">
            {list.items.map((l) => (
              <Group key={l.id} gap={6} wrap="nowrap" align="flex-start" data-testid="sandbox-log-line" data-source={l.source}>
                <Text span fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{format.dateTime(new Date(l.at), { timeStyle: 'medium' })}</Text>
                <Badge size="xs" variant="light" color={l.source === 'app' ? 'blue' : 'gray'} style={{ flexShrink: 0 }}>{t(`source.${l.source}`)}</Badge>
                <Code c={l.stream === 'stderr' ? 'red.9' : undefined} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: 'none', padding: 0 }}>{l.line}</Code>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <Group gap="xs">
        {list.nextCursor && <Button size="xs" variant="light" onClick={list.loadMore} loading={list.loadingMore} data-testid="sandbox-logs-more">{t('more')}</Button>}
        <Button size="xs" variant="default" onClick={() => list.reload()} data-testid="sandbox-logs-refresh">{t('refresh')}</Button>
      </Group>
    </Stack>
  );
}
