'use client';
/**
 * The rows of the alarm list: severity, kind, node, the details (naming the app and the node, in
 * the reader's language), raised at, state (with why it was cleared), and the actions each allows.
 */
import type { TAlarm } from '@mecport/contracts';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { actionsFor } from './alarm-model';
import { alarmDetailText } from './server-message-text';
import { useServerText } from './use-server-text';
import { AlarmSeverityBadge, AlarmStateBadge } from './status-badges';

export interface TAlarmsTableProps {
  alarms: readonly TAlarm[];
  /** The alarm whose action is in flight. */
  busyId: string | null;
  onAcknowledge: (alarm: TAlarm) => void;
  onClear: (alarm: TAlarm) => void;
}

function StateCell({ alarm }: { alarm: TAlarm }) {
  const t = useTranslations('edgeDeploy.alarms');
  const tc = useTranslations('edgeCleanup');
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Stack gap={2} miw={120}>
      <AlarmStateBadge state={alarm.state} />
      {alarm.acknowledgedAt && <Text size="xs" c="dimmed">{t('acknowledgedBy', { name: alarm.acknowledgedBy ?? '?', at: when(alarm.acknowledgedAt) })}</Text>}
      {alarm.clearedAt && (
        <Text size="xs" c="dimmed" data-testid="alarm-cleared" data-reason={alarm.clearReason ?? ''}>
          {alarm.clearReason ? tc('clearedBecause', { at: when(alarm.clearedAt), reason: tc(`clearReason.${alarm.clearReason}`) }) : t('clearedAt', { at: when(alarm.clearedAt) })}
        </Text>
      )}
    </Stack>
  );
}

export function AlarmsTable({ alarms, busyId, onAcknowledge, onClear }: TAlarmsTableProps) {
  const t = useTranslations('edgeDeploy.alarms');
  const tc = useTranslations('edgeCleanup');
  const serverText = useServerText();
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover data-testid="alarms-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.severity')}</Table.Th><Table.Th>{t('columns.kind')}</Table.Th><Table.Th>{t('columns.node')}</Table.Th><Table.Th>{t('columns.message')}</Table.Th>
            <Table.Th>{t('columns.raisedAt')}</Table.Th><Table.Th>{t('columns.state')}</Table.Th><Table.Th>{t('columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alarms.map((a) => {
            const kind = t(`kind.${a.kind}`);
            const node = a.nodeName ?? t('noNode');
            return (
              <Table.Tr key={a.id} data-testid="alarm-row" data-alarm-id={a.id} data-kind={a.kind} data-state={a.state} data-node-id={a.nodeId ?? ''}>
                <Table.Td><AlarmSeverityBadge severity={a.severity} /></Table.Td>
                <Table.Td fw={600} data-testid="alarm-kind">{kind}</Table.Td>
                <Table.Td data-testid="alarm-node">{a.nodeId ? <Anchor component={Link} href={`/edge-map/nodes/${a.nodeId}`} size="sm">{node}</Anchor> : node}</Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="alarm-detail">{alarmDetailText(serverText, a, when)}</Text>
                  {a.appName && <Text size="xs" c="dimmed" data-testid="alarm-app" data-app-id={a.appId ?? ''}>{tc('alarmApp', { app: a.appName })}</Text>}
                  {a.appInstanceId && <Anchor component={Link} href={`/edge-map/instances/${a.appInstanceId}`} size="xs" data-testid="alarm-instance-link">{t('openInstance')}</Anchor>}
                </Table.Td>
                <Table.Td>{format.dateTime(new Date(a.raisedAt), { dateStyle: 'medium', timeStyle: 'medium' })}</Table.Td>
                <Table.Td><StateCell alarm={a} /></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {actionsFor(a).map((action) => (
                      <Button key={action} size="xs" variant={action === 'acknowledge' ? 'filled' : 'light'} color={action === 'clear' ? 'orange' : undefined}
                        loading={busyId === a.id && action === 'acknowledge'} disabled={busyId !== null && busyId !== a.id}
                        onClick={() => (action === 'acknowledge' ? onAcknowledge(a) : onClear(a))} data-testid={`alarm-${action}`}
                        aria-label={t(`${action}Label`, { kind, node })}>
                        {t(action)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
