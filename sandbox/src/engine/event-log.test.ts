import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log';

describe('EventLog', () => {
  it('numbers events from 1 and hashes the ordered JSON lines incrementally', () => {
    const log = new EventLog(new Set());
    const empty = log.sha256();
    expect(empty).toBe(createHash('sha256').digest('hex'));
    log.append({ timeSec: 1, kind: 'poa-state', poaId: 'a', up: false });
    const afterOne = log.sha256();
    log.append({ timeSec: 2, kind: 'ue-speed', ueId: 'u', speedMps: 3 });
    const lines = '{"seq":1,"timeSec":1,"kind":"poa-state","poaId":"a","up":false}\n{"seq":2,"timeSec":2,"kind":"ue-speed","ueId":"u","speedMps":3}\n';
    expect(log.sha256()).toBe(createHash('sha256').update(lines).digest('hex'));
    expect(afterOne).not.toBe(log.sha256());
    expect(log.lastSeq).toBe(2);
  });

  it('keeps a listener that throws from breaking the log (the error surfaces afterwards)', async () => {
    const seen: number[] = [];
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      const log = new EventLog(new Set([() => { throw new Error('listener bug'); }, (e) => seen.push(e.seq)]));
      log.append({ timeSec: 0, kind: 'poa-state', poaId: 'a', up: true });
      expect(seen).toEqual([1]);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toHaveLength(1);
  });
});
