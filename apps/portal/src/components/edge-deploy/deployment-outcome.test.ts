import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import zh from '../../../messages/zh-CN.json';
import en from '../../../messages/en.json';
import { deploymentOutcome } from './deployment-outcome';

const counts = { pending: 0, applying: 0, succeeded: 2, failed: 1, skipped: 3, rolled_back: 0 };

describe('deploymentOutcome', () => {
  it('rebuilds the server\'s "N node(s) failed" from status and counts, so it can be translated and pluralised', () => {
    const outcome = deploymentOutcome({ status: 'failed', message: '1 node(s) failed', counts });
    expect(outcome).toEqual({ kind: 'nodesFailed', count: 1 });
    expect(createTranslator({ locale: 'en', messages: en, namespace: 'apiContract.deployment' })('nodesFailed', { count: 1 })).toBe('1 node failed');
    expect(createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'apiContract.deployment' })('nodesFailed', { count: 3 })).toBe('3 个节点失败');
  });

  it('shows any other message as the server sent it, and nothing without one', () => {
    expect(deploymentOutcome({ status: 'stopped', message: 'stopped by Olga', counts })).toEqual({ kind: 'message', text: 'stopped by Olga' });
    expect(deploymentOutcome({ status: 'failed', message: '5 node(s) failed', counts }), 'a count that does not match is not ours to reword').toEqual({ kind: 'message', text: '5 node(s) failed' });
    expect(deploymentOutcome({ status: 'succeeded', message: null, counts })).toBeNull();
  });
});
