'use client';
/**
 * Fault management for the operator (StarlingX style): the tenant's alarms, open ones by default,
 * filtered by state (kept in the URL), newest first with "load more". Active alarms can be
 * acknowledged; any alarm not cleared yet can be cleared by hand after a confirmation. The API
 * audits both.
 */
import type { TAlarm } from '@mecport/contracts';
import { Button, Card, Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { ALARM_FILTERS, alarmAfterAction, matchesFilter, parseAlarmFilter, type TAlarmAction } from './alarm-model';
import { usePagedList } from '@/hooks/use-paged-list';
import { AlarmsTable } from './alarms-table';
import { EdgeCrumbs } from './edge-crumbs';

const PAGE_SIZE = 20;
const NO_STORE: RequestInit = { cache: 'no-store' };

export function AlarmsList() {
  const t = useTranslations('edgeDeploy.alarms');
  const tCommon = useTranslations('edgeDeploy.common');
  const { apiFetch, me } = useAuth();
  const router = useRouter();
  const pathname = usePathname();
  const filter = parseAlarmFilter(useSearchParams().get('state'));
  const { items, setItems, nextCursor: next, problem, loading, loadMore, reload } = usePagedList<TAlarm>(
    `/api/v1/edge/alarms?${new URLSearchParams({ state: filter, limit: String(PAGE_SIZE) })}`, { init: NO_STORE, clearOnPathChange: true },
  );
  const [pending, setPending] = useState<{ action: TAlarmAction; alarm: TAlarm } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<TAlarmAction | null>(null);
  const [actionProblem, setActionProblem] = useState<TApiProblem | null>(null);

  const changeFilter = (value: string) => {
    setDone(null);
    const p = new URLSearchParams({ state: value });
    router.replace(`${pathname}?${p}`, { scroll: false });
  };

  const act = async (action: TAlarmAction, alarm: TAlarm) => {
    setBusy(alarm.id);
    setActionProblem(null);
    setDone(null);
    try {
      const res = await apiFetch(`/api/v1/edge/alarms/${alarm.id}/${action}`, { method: 'POST' });
      if (!res.ok) { setActionProblem(await readProblem(res)); return; }
      const changed = alarmAfterAction(alarm, action, me?.name ?? null, new Date());
      // A row that left the filter (an acknowledged alarm under "active") goes; the notice says why.
      setItems((list) => list?.flatMap((a) => (a.id !== alarm.id ? [a] : matchesFilter(changed, filter) ? [changed] : [])) ?? null);
      setDone(action);
    } catch (e) {
      setActionProblem(networkProblem(e));
    } finally {
      setBusy(null);
      setPending(null);
    }
  };

  return (
    <Stack gap="lg" maw={1200} data-testid="alarms-list" data-filter={filter}>
      <EdgeCrumbs current={t('title')} />
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{t('description')}</Text>
        </Stack>
        <Button variant="default" onClick={() => reload()} loading={loading && items !== null} leftSection={<IconRefresh size={16} aria-hidden="true" />} data-testid="alarms-refresh">
          {tCommon('refresh')}
        </Button>
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="alarm-filter-label">{t('filter')}</Text>
        <SegmentedControl value={filter} onChange={changeFilter} aria-labelledby="alarm-filter-label" w="fit-content" data-testid="alarm-filter"
          data={ALARM_FILTERS.map((f) => ({ value: f, label: t(`filters.${f}`) }))} />
      </Stack>
      <div role="status" aria-live="polite">
        {done && <Text size="sm" c="green.9" data-testid="alarm-action-done">{t(`done.${done}`)}</Text>}
      </div>
      {actionProblem && <ProblemAlert heading={t('actionFailed')} problem={actionProblem} testId="alarm-action-error" onClose={() => setActionProblem(null)} />}
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="alarms-error" />}
      {items === null && !problem && <Stack gap="xs" aria-busy="true" data-testid="alarms-loading">{[0, 1, 2].map((i) => <Skeleton key={i} height={44} />)}</Stack>}
      {items?.length === 0 && (
        <Card withBorder padding="xl" data-testid="alarms-empty">
          <Stack align="center" gap="xs">
            <Text fw={600}>{t('emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">{t(`emptyBody.${filter}`)}</Text>
          </Stack>
        </Card>
      )}
      {items && items.length > 0 && (
        <AlarmsTable alarms={items} busyId={busy} onAcknowledge={(alarm) => void act('acknowledge', alarm)} onClear={(alarm) => setPending({ action: 'clear', alarm })} />
      )}
      {next && <Button variant="light" w="fit-content" onClick={loadMore} loading={loading} data-testid="alarms-more">{tCommon('loadMore')}</Button>}
      <ConfirmModal opened={pending !== null} title={t('confirmClearTitle', { kind: pending ? t(`kind.${pending.alarm.kind}`) : '' })} body={t('confirmClearBody')}
        confirmLabel={t('clear')} busy={busy !== null} color="orange" onConfirm={() => { if (pending) void act(pending.action, pending.alarm); }} onCancel={() => setPending(null)} />
    </Stack>
  );
}
