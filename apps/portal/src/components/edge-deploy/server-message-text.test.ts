import type { TAlarm } from '@mecport/contracts';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import zhCN from '../../../messages/zh-CN.json';
import { alarmDetailText, instanceMessageText, type TTranslate } from './server-message-text';

const translator = (locale: 'en' | 'zh-CN'): TTranslate => {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : zhCN, namespace: 'edgeCleanup' });
  return (key, values) => t(key as never, values as never);
};
const date = (iso: string) => `<${iso}>`;

const crashLoop: Pick<TAlarm, 'kind' | 'message' | 'details' | 'appName' | 'nodeName'> = {
  kind: 'instance_crash_loop', appName: 'Hello Edge', nodeName: 'edge-sh-1',
  message: 'Hello Edge on node edge-sh-1 is crash-looping (5 restarts): exited with code 1; restarting in 16 s',
  details: { appName: 'Hello Edge', nodeName: 'edge-sh-1', restarts: 5, message: 'exited with code 1; restarting in 16 s', messageCode: 'exited', exitCode: 1, restartInSec: 16 },
};

describe('instance messages', () => {
  it('are written from their code in English and in Chinese', () => {
    const m = { message: 'exited with code 1; restarting in 2 s', messageCode: 'exited' as const, messageParams: { exitCode: 1, restartInSec: 2 } };
    expect(instanceMessageText(translator('en'), m)).toBe('exited with code 1; restarting in 2 s');
    expect(instanceMessageText(translator('zh-CN'), m)).toBe('以退出码 1 退出；2 秒后重启');
    expect(instanceMessageText(translator('zh-CN'), { message: 'health check failed 3 times', messageCode: 'health_failed', messageParams: { failures: 3 } })).toBe('健康检查失败 3 次');
  });

  it('fall back to the English text without a code, or when a parameter is missing', () => {
    expect(instanceMessageText(translator('zh-CN'), { message: 'from an older agent', messageCode: null, messageParams: null })).toBe('from an older agent');
    expect(instanceMessageText(translator('zh-CN'), { message: 'exited with code ?', messageCode: 'exited', messageParams: {} })).toBe('exited with code ?');
  });
});

describe('alarm details', () => {
  it('name the app and the node, with the instance\'s own message, in either language', () => {
    expect(alarmDetailText(translator('en'), crashLoop, date)).toBe(crashLoop.message);
    expect(alarmDetailText(translator('zh-CN'), crashLoop, date)).toBe('Hello Edge 在节点 edge-sh-1 上反复崩溃（已重启 5 次）：以退出码 1 退出；16 秒后重启');
    expect(alarmDetailText(translator('zh-CN'), { ...crashLoop, kind: 'package_digest_mismatch', details: { appName: 'Hello Edge', nodeName: 'edge-sh-1' } }, date)).toBe('Hello Edge 的软件包在节点 edge-sh-1 上未通过 sha256 校验');
    expect(alarmDetailText(translator('zh-CN'), { kind: 'node_offline', appName: null, nodeName: 'edge-sh-1', message: 'x', details: { nodeName: 'edge-sh-1', since: '2026-01-01T00:00:00.000Z' } }, date))
      .toBe('节点 edge-sh-1 自 <2026-01-01T00:00:00.000Z> 起未发送心跳');
  });

  it('of alarms raised before the details existed are the English message', () => {
    expect(alarmDetailText(translator('zh-CN'), { kind: 'instance_crash_loop', appName: null, nodeName: null, message: 'App instance 1 is crash-looping', details: {} }, date)).toBe('App instance 1 is crash-looping');
  });
});
