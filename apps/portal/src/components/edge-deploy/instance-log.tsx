'use client';
/**
 * The tail of an app instance's log as the agent last pushed it, newest line at the bottom and
 * kept in view as lines arrive (unless the reader scrolled up to read older ones).
 */
import { Code, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

export function InstanceLog({ lines, live }: { lines: readonly string[]; live: boolean }) {
  const t = useTranslations('edgeDeploy.instance');
  const viewport = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const el = viewport.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <Stack gap="xs" component="section" aria-labelledby="instance-log-title" data-testid="instance-log">
      <Group justify="space-between">
        <Title order={2} size="h3" id="instance-log-title">{t('log')}</Title>
        <Text size="xs" c="dimmed">{live ? t('logLive', { count: lines.length }) : t('logFinal', { count: lines.length })}</Text>
      </Group>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="instance-log-empty">{t('logEmpty')}</Text>
      ) : (
        // The viewport is what scrolls (both ways when a container's lines are long): it takes the keyboard focus (axe scrollable-region-focusable).
        <ScrollArea.Autosize mah={420} viewportRef={viewport} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': t('log') }}
          onScrollPositionChange={({ y }) => { const el = viewport.current; if (el) pinned.current = y + el.clientHeight >= el.scrollHeight - 8; }}>
          <Code block data-testid="instance-log-lines">{lines.join('\n')}</Code>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
