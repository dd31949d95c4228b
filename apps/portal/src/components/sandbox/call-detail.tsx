'use client';
/** One recorded MEC API call in full: request and response, each with its headers and body. */
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { Code, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslations } from 'next-intl';

function prettyBody(body: string, headers: Record<string, string>): string {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!/json/i.test(type)) return body;
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
}

function Message({ title, message, testId }: { title: string; message: TSandboxCall['request']; testId: string }) {
  const t = useTranslations('sandbox.calls');
  const headers = Object.entries(message.headers);
  return (
    <Stack gap={4} data-testid={testId} style={{ minWidth: 0 }}>
      <Title order={3} size="h6">{title}</Title>
      <Text size="xs" fw={600}>{t('headers')}</Text>
      {headers.length === 0 ? <Text size="xs" c="dimmed">{t('noHeaders')}</Text> : (
        <Table withRowBorders={false} verticalSpacing={0} fz="xs" ff="monospace">
          <Table.Tbody>
            {headers.map(([k, v]) => <Table.Tr key={k}><Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{k}</Table.Td><Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" fw={600}>{t('body')}</Text>
      {message.body === null || message.body === '' ? <Text size="xs" c="dimmed">{t('noBody')}</Text> : (
        <Code block fz="xs" mah={300} style={{ overflow: 'auto' }} tabIndex={0} data-testid={`${testId}-body`}>{prettyBody(message.body, message.headers)}</Code>
      )}
      {message.truncated && <Text size="xs" c="orange.9">{t('truncated')}</Text>}
    </Stack>
  );
}

export function CallDetail({ call }: { call: TSandboxCall }) {
  const t = useTranslations('sandbox.calls');
  return (
    <Stack gap="xs" data-testid="call-detail">
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{call.method} {call.url}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Message title={t('request')} message={call.request} testId="call-request" />
        <Message title={t('response')} message={call.response} testId="call-response" />
      </SimpleGrid>
    </Stack>
  );
}
