'use client';
/**
 * The app's uploads, newest first: state, validation progress (polled while any is validating),
 * and each validation report, every check as pass / warn / fail with its file and line.
 */
import type { TUpload, TUploadPage, TUploadState } from '@mecport/contracts';
import { Badge, Button, Card, Code, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { formatBytes } from '@/components/ui/format-bytes';
import type { TUploadOutcome } from './upload-progress';

const STATE_COLORS: Record<TUploadState, string> = { uploading: 'blue', validating: 'yellow', validated: 'green', failed: 'red', cancelled: 'gray' };
const CHECK_COLORS = { pass: 'green', warn: 'yellow', fail: 'red' } as const;

function Report({ upload }: { upload: TUpload }) {
  const t = useTranslations('developer.upload');
  if (!upload.report) return null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder data-testid="upload-report">
        <Table.Thead><Table.Tr><Table.Th>{t('check')}</Table.Th><Table.Th>{t('result')}</Table.Th><Table.Th>{t('message')}</Table.Th><Table.Th>{t('where')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {upload.report.checks.map((c, i) => (
            <Table.Tr key={`${c.id}-${i}`} data-testid="report-check" data-status={c.status}>
              <Table.Td><Code>{c.id}</Code></Table.Td>
              <Table.Td><Badge size="sm" variant="light" color={CHECK_COLORS[c.status]} data-testid="check-status">{t(`checkStatus.${c.status}`)}</Badge></Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.message}</Table.Td>
              <Table.Td>{c.file ? <Code>{c.file}{c.line ? `:${c.line}` : ''}</Code> : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export interface TUploadsListProps {
  appId: string;
  refresh: number;
  onValidated: () => void;
  /** Each upload's state and version, whenever the list is read (the uploader says how its upload ended). */
  onUploads?: (outcomes: ReadonlyMap<string, TUploadOutcome>) => void;
}

export function UploadsList({ appId, refresh, onValidated, onUploads }: TUploadsListProps) {
  const t = useTranslations('developer.upload');
  const format = useFormatter();
  const { apiFetch } = useAuth();
  const [uploads, setUploads] = useState<TUpload[] | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const seenValidated = useRef<Set<string> | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await apiFetch(`/api/v1/apps/${appId}/uploads?limit=20`);
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      setProblem(null);
      const page = (await res.json()) as TUploadPage;
      setUploads(page.items);
      onUploads?.(new Map(page.items.map((u) => [u.id, { state: u.state, version: u.version }])));
      const validated = page.items.filter((u) => u.state === 'validated').map((u) => u.id);
      if (seenValidated.current && validated.some((id) => !seenValidated.current!.has(id))) onValidated();
      seenValidated.current = new Set(validated);
    } catch (e) {
      setProblem(networkProblem(e));
    }
  }, [apiFetch, appId, onValidated, onUploads]);

  useEffect(() => { void load(); }, [load, refresh]);
  const validating = uploads?.some((u) => u.state === 'validating');
  useEffect(() => {
    if (!validating) return;
    const timer = window.setInterval(() => void load(), 1500);
    return () => window.clearInterval(timer);
  }, [validating, load]);

  if (problem) return <ProblemAlert heading={t('listFailed')} problem={problem} testId="uploads-error" />;
  if (!uploads || uploads.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="uploads">
      <Title order={3} size="h5">{t('recent')}</Title>
      {uploads.map((u) => {
        const p = u.progress;
        const pct = p && p.bytesTotal > 0 ? (p.bytesDone / p.bytesTotal) * 100 : 0;
        return (
          <Card key={u.id} withBorder padding="sm" data-testid="upload-row" data-state={u.state} data-version={u.version}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{u.filename} · {u.version} · {formatBytes(u.size, format)}</Text>
                <Badge variant="light" color={STATE_COLORS[u.state]} data-testid="upload-state">{t(`state.${u.state}`)}</Badge>
              </Group>
              {u.state === 'validating' && p && (
                <Stack gap={2}>
                  <Progress.Root size="sm"><Progress.Section value={pct} animated aria-label={t('validationProgress')} /></Progress.Root>
                  <Text size="xs" c="dimmed">{t(`phase.${p.phase}`)} · {format.number(pct, { maximumFractionDigits: 0 })}%</Text>
                </Stack>
              )}
              {u.report && (
                <Group gap={4} data-testid="upload-summary">
                  <Badge size="sm" variant="light" color="green">{t('passCount', { count: u.report.summary.pass })}</Badge>
                  <Badge size="sm" variant="light" color="yellow">{t('warnCount', { count: u.report.summary.warn })}</Badge>
                  <Badge size="sm" variant="light" color="red">{t('failCount', { count: u.report.summary.fail })}</Badge>
                  <Button size="compact-xs" variant="subtle" aria-expanded={!!open[u.id]} onClick={() => setOpen((o) => ({ ...o, [u.id]: !o[u.id] }))} data-testid="upload-report-toggle">
                    {open[u.id] ? t('hideReport') : t('showReport')}
                  </Button>
                </Group>
              )}
              {u.error && <Text size="sm" c="red.9" data-testid="upload-failure">{u.error}</Text>}
              {open[u.id] && <Report upload={u} />}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
