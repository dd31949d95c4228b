import type { TAlarm } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { actionsFor, alarmAfterAction, matchesFilter, parseAlarmFilter } from './alarm-model';

const alarm: TAlarm = {
  id: '0b9f3c1e-6a55-4c1f-9d0e-6c2f0d1e2a3b', kind: 'instance_crash_loop', severity: 'major', nodeId: null, nodeName: null, appInstanceId: null, appId: null, appName: null,
  state: 'active', message: 'crash-looping', details: {}, clearReason: null, raisedAt: '2026-01-01T00:00:00.000Z', acknowledgedAt: null, acknowledgedBy: null, clearedAt: null,
};

describe('alarm filters', () => {
  it('default to open, which is active or acknowledged', () => {
    expect(parseAlarmFilter(null)).toBe('open');
    expect(parseAlarmFilter('bogus')).toBe('open');
    expect(parseAlarmFilter('cleared')).toBe('cleared');
    expect(matchesFilter({ state: 'active' }, 'open')).toBe(true);
    expect(matchesFilter({ state: 'acknowledged' }, 'open')).toBe(true);
    expect(matchesFilter({ state: 'cleared' }, 'open')).toBe(false);
    expect(matchesFilter({ state: 'acknowledged' }, 'active')).toBe(false);
  });
});

describe('alarm actions', () => {
  it('acknowledge only active alarms and clear any alarm still open', () => {
    expect(actionsFor({ state: 'active' })).toEqual(['acknowledge', 'clear']);
    expect(actionsFor({ state: 'acknowledged' })).toEqual(['clear']);
    expect(actionsFor({ state: 'cleared' })).toEqual([]);
  });

  it('record who acknowledged and when it was cleared', () => {
    const at = new Date('2026-02-03T04:05:06.000Z');
    expect(alarmAfterAction(alarm, 'acknowledge', 'Olivia Operator', at)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Olivia Operator', acknowledgedAt: at.toISOString() });
    expect(alarmAfterAction(alarm, 'clear', null, at)).toMatchObject({ state: 'cleared', clearedAt: at.toISOString(), clearReason: 'operator' });
  });
});
