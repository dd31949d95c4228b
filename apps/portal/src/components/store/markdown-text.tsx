'use client';
/** Renders a store description's Markdown subset (see markdown-blocks.ts) as React elements: never as HTML. */
import { Code, List, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { parseMarkdown, type TSpan } from './markdown-blocks';

function Spans({ spans }: { spans: TSpan[] }) {
  return spans.map((s, i) => {
    if (s.kind === 'strong') return <strong key={i}>{s.text}</strong>;
    if (s.kind === 'em') return <em key={i}>{s.text}</em>;
    if (s.kind === 'code') return <Code key={i}>{s.text}</Code>;
    return <Fragment key={i}>{s.text}</Fragment>;
  });
}

export function MarkdownText({ source, testId }: { source: string; testId?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <Stack gap="xs" data-testid={testId}>
      {blocks.map((b, i) => {
        if (b.kind === 'h') return <Text key={i} fw={700}><Spans spans={b.spans} /></Text>;
        if (b.kind === 'p') return <Text key={i}><Spans spans={b.spans} /></Text>;
        if (b.kind !== 'ul' && b.kind !== 'ol') return null;
        return (
          <List key={i} type={b.kind === 'ol' ? 'ordered' : 'unordered'} withPadding>
            {b.items.map((item, j) => <List.Item key={j}><Spans spans={item} /></List.Item>)}
          </List>
        );
      })}
    </Stack>
  );
}
