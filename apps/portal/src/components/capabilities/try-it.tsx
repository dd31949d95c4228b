'use client';
/**
 * "Try it": sends the operation to one of the caller's running sandboxes (through the portal's
 * `/api/v1/sandboxes/{id}/mec/...`, recorded there as source try-it) and shows the answer: status,
 * headers and body. Without a running sandbox it says so and links to the Sandbox area.
 */
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Alert, Anchor, Badge, Button, Code, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import type { TOperationView } from '../api-docs/openapi-model';
import { sampleRequest } from './code-samples';
import { defaultParameterValues, runningSandboxes, tryItPath } from './try-it-request';

interface TAnswer { status: number; headers: [string, string][]; body: string; error?: string }

function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function TryIt({ op, basePath, sandboxes }: { op: TOperationView; basePath: string; sandboxes: TSandbox[] | null }) {
  const t = useTranslations('capabilities.tryIt');
  const { apiFetch } = useAuth();
  const running = runningSandboxes(sandboxes ?? []);
  const [sandboxId, setSandboxId] = useState<string | null>(running[0]?.id ?? null);
  const [values, setValues] = useState(() => defaultParameterValues(op));
  const [body, setBody] = useState(() => {
    const example = sampleRequest(op, '').body;
    return example === undefined ? '' : JSON.stringify(example, null, 2);
  });
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<TAnswer | null>(null);
  const chosen = running.find((s) => s.id === sandboxId) ?? running[0];

  if (sandboxes !== null && running.length === 0) {
    return (
      <Alert color="gray" variant="light" title={t('title')} data-testid="try-it-no-sandbox">
        {t('noSandbox')} <Anchor component={Link} href="/sandboxes" c="dark" underline="always" data-testid="try-it-sandbox-link">{t('openSandboxes')}</Anchor>
      </Alert>
    );
  }

  const send = async () => {
    if (!chosen) return;
    setSending(true);
    try {
      const res = await apiFetch(tryItPath(chosen.id, basePath, op, values), {
        method: op.method.toUpperCase(),
        ...(op.requestBody && body.trim() ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
        cache: 'no-store',
      });
      setAnswer({ status: res.status, headers: [...res.headers.entries()], body: prettyBody(await res.text()) });
    } catch (e) {
      setAnswer({ status: 0, headers: [], body: '', error: e instanceof Error ? e.message : String(e) });
    } finally {
      setSending(false);
    }
  };

  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  return (
    <section data-testid="try-it">
      <Title order={4} mb={4}>{t('title')}</Title>
      <Stack gap="xs">
        <Select label={t('sandbox')} data-testid="try-it-sandbox" allowDeselect={false} w={360}
          data={running.map((s) => ({ value: s.id, label: `${s.name} (${s.scenarioId}, ${s.status})` }))}
          value={chosen?.id ?? null} onChange={setSandboxId} placeholder={sandboxes === null ? t('loadingSandboxes') : undefined} />
        {params.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {params.map((p) => {
              const key = `${p.in}:${p.name}`;
              return <TextInput key={key} label={`${p.name} (${p.in})`} withAsterisk={p.required} value={values[key] ?? ''} data-testid={`try-it-param-${p.name}`}
                onChange={(e) => { const v = e.currentTarget.value; setValues((old) => ({ ...old, [key]: v })); }} />;
            })}
          </SimpleGrid>
        )}
        {op.requestBody && <Textarea label={t('body')} autosize minRows={4} maxRows={16} value={body} onChange={(e) => setBody(e.currentTarget.value)} ff="monospace" data-testid="try-it-body" />}
        <Button leftSection={<IconPlayerPlay size={14} aria-hidden="true" />} w="fit-content" onClick={() => void send()} loading={sending} disabled={!chosen} data-testid="try-it-send">
          {t('send')}
        </Button>
        {answer && (
          <Stack gap={4} data-testid="try-it-answer" aria-live="polite">
            {answer.error ? <Text c="red" size="sm">{t('failed', { error: answer.error })}</Text> : (
              <>
                <Group gap="xs"><Text size="sm" fw={600}>{t('status')}</Text><Badge color={answer.status < 300 ? 'green' : answer.status < 500 ? 'orange' : 'red'} data-testid="try-it-status">{answer.status}</Badge></Group>
                <Text size="sm" fw={600}>{t('headers')}</Text>
                <Code block data-testid="try-it-headers">{answer.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}</Code>
                <Text size="sm" fw={600}>{t('responseBody')}</Text>
                <Code block tabIndex={0} data-testid="try-it-response-body" style={{ maxHeight: 360, overflow: 'auto' }}>{answer.body || t('emptyBody')}</Code>
              </>
            )}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
