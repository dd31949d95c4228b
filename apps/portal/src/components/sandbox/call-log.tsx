'use client';
/**
 * Every MEC API call the sandbox recorded (the app's requests, "try it" requests, and the
 * notifications the emulated services sent to the app): filter by API, direction, method, status
 * class and URL text; open a call to read its request and response; download them all as HAR.
 */
import { SANDBOX_CALL_APIS, type TSandboxCall } from '@mecport/contracts/sandbox';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconDownload } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { Fragment, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { CallDetail } from './call-detail';
import { activeFilterCount, CALL_METHODS, callsPath, NO_CALL_FILTERS, STATUS_CLASS_COLORS, STATUS_CLASSES, statusClassOf, type TCallFilters } from './call-filters';
import { saveResponse } from '@/components/ui/save-response';
import { clockText } from './time-left';
import { useLiveList } from './use-live-list';

const PAGE = 50;

function HarButton({ sandboxId }: { sandboxId: string }) {
  const t = useTranslations('sandbox.calls');
  const { apiFetch } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/calls/har`, { headers: { Accept: 'application/json' } });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      await saveResponse(res, `sandbox-${sandboxId}.har`);
    } catch (e) {
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Button size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden="true" />} loading={busy} onClick={() => void download()} data-testid="calls-har">{t('har')}</Button>
      {problem && <ProblemAlert heading={t('harFailed')} problem={problem} testId="calls-har-error" onClose={() => setProblem(null)} />}
    </Stack>
  );
}

function Filters({ filters, onChange }: { filters: TCallFilters; onChange: (f: TCallFilters) => void }) {
  const t = useTranslations('sandbox.calls');
  const set = <K extends keyof TCallFilters>(key: K) => (value: TCallFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <Group gap="xs" align="flex-end" data-testid="calls-filters">
      <Select size="xs" w={200} label={t('api')} placeholder={t('any')} clearable value={filters.api} onChange={(v) => set('api')(v as TCallFilters['api'])}
        data={SANDBOX_CALL_APIS.map((a) => ({ value: a, label: t(`apis.${a}`) }))} data-testid="calls-filter-api" />
      <Select size="xs" w={150} label={t('direction')} placeholder={t('any')} clearable value={filters.direction} onChange={(v) => set('direction')(v as TCallFilters['direction'])}
        data={[{ value: 'request', label: t('directions.request') }, { value: 'notification', label: t('directions.notification') }]} data-testid="calls-filter-direction" />
      <Select size="xs" w={110} label={t('method')} placeholder={t('any')} clearable value={filters.method} onChange={set('method')}
        data={[...CALL_METHODS]} data-testid="calls-filter-method" />
      <Select size="xs" w={120} label={t('status')} placeholder={t('any')} clearable value={filters.status} onChange={(v) => set('status')(v as TCallFilters['status'])}
        data={STATUS_CLASSES.map((s) => ({ value: s, label: s === 'error' ? t('statusError') : s }))} data-testid="calls-filter-status" />
      <TextInput size="xs" w={200} label={t('url')} value={filters.q} onChange={(e) => set('q')(e.currentTarget.value)} data-testid="calls-filter-url" />
      {activeFilterCount(filters) > 0 && <Button size="xs" variant="subtle" onClick={() => onChange(NO_CALL_FILTERS)} data-testid="calls-filter-clear">{t('clear')}</Button>}
    </Group>
  );
}

function CallRow({ call, open, onToggle }: { call: TSandboxCall; open: boolean; onToggle: () => void }) {
  const t = useTranslations('sandbox.calls');
  const format = useFormatter();
  const cls = statusClassOf(call.status);
  const detailId = `call-detail-${call.id}`;
  return (
    <Fragment>
      <Table.Tr data-testid="call-row" data-api={call.api} data-direction={call.direction} data-method={call.method} data-status={call.status} data-source={call.source}>
        <Table.Td>
          <Button size="compact-xs" variant="subtle" onClick={onToggle} aria-expanded={open} aria-controls={open ? detailId : undefined}
            aria-label={t('details', { id: call.id })} data-testid="call-toggle">
            {open ? <IconChevronDown size={14} aria-hidden="true" /> : <IconChevronRight size={14} aria-hidden="true" />}
          </Button>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="xs">{format.dateTime(new Date(call.at), { timeStyle: 'medium' })}</Text>
          <Text size="xs" c="dimmed" ff="monospace">{clockText(call.atSec)}</Text>
        </Table.Td>
        <Table.Td><Badge size="xs" variant="light" color={call.direction === 'notification' ? 'grape' : 'blue'}>{t(`directions.${call.direction}`)}</Badge></Table.Td>
        <Table.Td><Text size="xs">{t(`apis.${call.api}`)}</Text></Table.Td>
        <Table.Td ff="monospace" fz="xs">{call.method}</Table.Td>
        <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>{call.url}</Table.Td>
        <Table.Td><Badge size="xs" variant="light" color={STATUS_CLASS_COLORS[cls]}>{call.status === 0 ? t('noAnswer') : call.status}</Badge></Table.Td>
        <Table.Td fz="xs" style={{ whiteSpace: 'nowrap' }}>{t('ms', { ms: Math.round(call.durationMs) })}</Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailId}>
          <Table.Td colSpan={8}><CallDetail call={call} /></Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function CallLog({ sandboxId, live }: { sandboxId: string; live: boolean }) {
  const t = useTranslations('sandbox.calls');
  const [filters, setFilters] = useState<TCallFilters>(NO_CALL_FILTERS);
  const [q] = useDebouncedValue(filters.q, 300);
  const list = useLiveList<TSandboxCall>(callsPath(sandboxId, { ...filters, q }, PAGE), PAGE, live);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) => setOpen((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  return (
    <Stack gap="xs" data-testid="sandbox-calls">
      <Group justify="space-between" align="flex-end">
        <Filters filters={filters} onChange={setFilters} />
        <HarButton sandboxId={sandboxId} />
      </Group>
      {list.problem && <ProblemAlert heading={t('failed')} problem={list.problem} testId="sandbox-calls-error" />}
      {list.items?.length === 0 && <Text size="sm" c="dimmed" data-testid="sandbox-calls-empty">{activeFilterCount(filters) > 0 ? t('emptyFiltered') : t('empty')}</Text>}
      {list.items && list.items.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped fz="xs" data-testid="calls-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th><VisuallyHidden>{t('open')}</VisuallyHidden></Table.Th>
                <Table.Th>{t('time')}</Table.Th><Table.Th>{t('direction')}</Table.Th><Table.Th>{t('api')}</Table.Th><Table.Th>{t('method')}</Table.Th>
                <Table.Th>{t('urlColumn')}</Table.Th><Table.Th>{t('status')}</Table.Th><Table.Th>{t('duration')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((c) => <CallRow key={c.id} call={c} open={open.has(c.id)} onToggle={() => toggle(c.id)} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group gap="xs">
        {list.nextCursor && <Button size="xs" variant="light" onClick={list.loadMore} loading={list.loadingMore} data-testid="sandbox-calls-more">{t('more')}</Button>}
        <Button size="xs" variant="default" onClick={() => list.reload()} data-testid="sandbox-calls-refresh">{t('refresh')}</Button>
      </Group>
    </Stack>
  );
}
