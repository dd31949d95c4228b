/**
 * The alarm list's rules without React: the state filter (open = active or acknowledged, the
 * API's default), which actions an alarm allows, and the alarm as it is after one.
 *
 * @example
 *   actionsFor({ state: 'active' })                       // ['acknowledge', 'clear']
 *   matchesFilter(alarmAfterAction(a, 'clear', …), 'open') // false: it leaves the open list
 */
import type { TAlarm } from '@mecport/contracts';

export const ALARM_FILTERS = ['open', 'active', 'acknowledged', 'cleared'] as const;
export type TAlarmFilter = (typeof ALARM_FILTERS)[number];
export type TAlarmAction = 'acknowledge' | 'clear';

export function parseAlarmFilter(value: string | null): TAlarmFilter {
  return (ALARM_FILTERS as readonly string[]).includes(value ?? '') ? (value as TAlarmFilter) : 'open';
}

export function matchesFilter(alarm: Pick<TAlarm, 'state'>, filter: TAlarmFilter): boolean {
  return filter === 'open' ? alarm.state !== 'cleared' : alarm.state === filter;
}

export function actionsFor(alarm: Pick<TAlarm, 'state'>): TAlarmAction[] {
  if (alarm.state === 'active') return ['acknowledge', 'clear'];
  if (alarm.state === 'acknowledged') return ['clear'];
  return [];
}

export function alarmAfterAction(alarm: TAlarm, action: TAlarmAction, by: string | null, at: Date): TAlarm {
  return action === 'acknowledge'
    ? { ...alarm, state: 'acknowledged', acknowledgedAt: at.toISOString(), acknowledgedBy: by }
    : { ...alarm, state: 'cleared', clearedAt: at.toISOString(), clearReason: 'operator' };
}
