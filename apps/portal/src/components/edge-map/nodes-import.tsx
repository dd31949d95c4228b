'use client';
/**
 * The import dialog: choose a CSV or GeoJSON file (or paste it), check it (a dry run), import it.
 * The import is all or nothing: when a row is invalid nothing is imported and the dialog lists
 * every invalid row with its line (CSV) or feature (GeoJSON), field and reason.
 */
import { NODE_IMPORT_MAX_CHARS, type TNodeImportIssue, type TNodeImportReport } from '@mecport/contracts';
import { Alert, Button, Checkbox, Code, FileInput, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { CSV_TEMPLATE, formatOfFile, invalidRowsOf, placeOf, type TImportFormat } from './import-model';

type TOutcome = { kind: 'report'; report: TNodeImportReport } | { kind: 'invalid'; rows: TNodeImportIssue[]; problem: TApiProblem } | { kind: 'problem'; problem: TApiProblem };

function InvalidRows({ rows }: { rows: TNodeImportIssue[] }) {
  const t = useTranslations('edgeMap.import');
  const tIssue = useTranslations('apiContract.importIssues');
  // A coded issue is worded in the reader's language, naming the dialog's option rather than the API's.
  const reasonOf = (r: TNodeImportIssue) => (r.code ? tIssue(r.code, { value: r.value ?? '' }) : r.message);
  return (
    <Table striped withTableBorder data-testid="import-invalid-rows">
      <Table.Thead><Table.Tr><Table.Th>{t('where')}</Table.Th><Table.Th>{t('field')}</Table.Th><Table.Th>{t('reason')}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => {
          const p = placeOf(r);
          return (
            <Table.Tr key={i} data-testid="import-invalid-row" data-line={r.line} data-feature={r.feature}>
              <Table.Td>{p.kind === 'file' ? t('wholeFile') : t(p.kind, { n: p.n })}</Table.Td><Table.Td><Code>{r.field}</Code></Table.Td><Table.Td>{reasonOf(r)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function NodesImport({ onImported, initiallyOpen = false }: { onImported: () => void; initiallyOpen?: boolean }) {
  const t = useTranslations('edgeMap.import');
  const { apiFetch } = useAuth();
  const [opened, setOpened] = useState(initiallyOpen);
  const [format, setFormat] = useState<TImportFormat>('csv');
  const [content, setContent] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [update, setUpdate] = useState(false);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);

  const choose = async (f: File | null) => {
    setFile(f);
    setOutcome(null);
    if (!f) return;
    setFormat(formatOfFile(f.name) ?? format);
    setContent(await f.text());
  };
  const send = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'import');
    setOutcome(null);
    try {
      const res = await apiFetch('/api/v1/edge/nodes/import', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format, content, dryRun, onExisting: update ? 'update' : 'fail' }),
      });
      if (res.ok) {
        setOutcome({ kind: 'report', report: (await res.json()) as TNodeImportReport });
        if (!dryRun) onImported();
        return;
      }
      const rows = invalidRowsOf(await res.clone().json().catch(() => null));
      const problem = await readProblem(res);
      setOutcome(rows.length > 0 ? { kind: 'invalid', rows, problem } : { kind: 'problem', problem });
    } catch (e) {
      setOutcome({ kind: 'problem', problem: networkProblem(e) });
    } finally {
      setBusy(null);
    }
  };
  const close = () => { setOpened(false); setOutcome(null); };
  const tooBig = content.length > NODE_IMPORT_MAX_CHARS;
  const report = outcome?.kind === 'report' ? outcome.report : null;

  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden="true" />} onClick={() => setOpened(true)} data-testid="import-nodes">{t('button')}</Button>
      <Modal opened={opened} onClose={close} title={t('title')} size="xl" data-testid="import-modal">
        <Stack gap="sm">
          <Text size="sm">{t('help')}</Text>
          <Code block>{CSV_TEMPLATE}</Code>
          <Group align="flex-end">
            <SegmentedControl value={format} onChange={(v) => { setFormat(v as TImportFormat); setOutcome(null); }} data={[{ value: 'csv', label: 'CSV' }, { value: 'geojson', label: 'GeoJSON' }]} aria-label={t('format')} data-testid="import-format" />
            <FileInput label={t('file')} placeholder={t('filePlaceholder')} accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json" value={file}
              onChange={(f) => void choose(f)} clearable leftSection={<IconUpload size={16} aria-hidden="true" />} style={{ flex: 1 }} data-testid="import-file" />
          </Group>
          <Textarea label={t('content')} description={t('contentHelp')} value={content} onChange={(e) => { setContent(e.currentTarget.value); setOutcome(null); }} autosize minRows={4} maxRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }} error={tooBig ? t('tooBig') : undefined} data-testid="import-content" />
          <Checkbox label={t('update')} description={t('updateHelp')} checked={update} onChange={(e) => { setUpdate(e.currentTarget.checked); setOutcome(null); }} data-testid="import-update" />
          {report && (
            <Alert color={report.dryRun ? 'blue' : 'green'} variant="light" title={report.dryRun ? t('checkedTitle') : t('importedTitle')} data-testid="import-report" data-dry-run={String(report.dryRun)}>
              <Text size="sm">{t(report.dryRun ? 'wouldImport' : 'imported', { total: report.total, created: report.created, updated: report.updated })}</Text>
              {report.groupsCreated.length > 0 && <Text size="sm">{t(report.dryRun ? 'wouldCreateGroups' : 'createdGroups', { groups: report.groupsCreated.join(', ') })}</Text>}
            </Alert>
          )}
          {outcome?.kind === 'invalid' && (
            <Stack gap="xs" data-testid="import-invalid">
              <Alert color="red" variant="light" title={t('invalidTitle', { count: outcome.rows.length })} role="alert">{t('invalidBody')}</Alert>
              <InvalidRows rows={outcome.rows} />
            </Stack>
          )}
          {outcome?.kind === 'problem' && <ProblemAlert heading={t('failed')} problem={outcome.problem} testId="import-problem" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('close')}</Button>
            <Button variant="light" onClick={() => void send(true)} loading={busy === 'check'} disabled={!content.trim() || tooBig || busy !== null} data-testid="import-check">{t('check')}</Button>
            <Button onClick={() => void send(false)} loading={busy === 'import'} disabled={!content.trim() || tooBig || busy !== null} data-testid="import-submit">{t('submit')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
