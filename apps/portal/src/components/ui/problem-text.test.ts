import { NUL_MESSAGE } from '@mecport/contracts';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import zh from '../../../messages/zh-CN.json';
import type { TApiProblem } from './api-problem';
import { problemText, type TTranslator } from './problem-text';

const tr = (locale: 'en' | 'zh-CN') => (createTranslator({ locale, messages: locale === 'en' ? en : zh, namespace: 'apiContract.problem' }) as unknown as TTranslator);

const notFound: TApiProblem = {
  type: 'urn:mecport:problem:not-found', title: 'Not found', status: 404, detail: 'No edge node 42 in your tenant',
  fields: { resource: 'edge-node', resourceId: '42' },
};

describe('problemText', () => {
  it('words "not found in your tenant" from the machine fields: the same English as the server, and Chinese', () => {
    expect(problemText(notFound, tr('en'))).toEqual({ title: 'Not found', detail: 'No edge node 42 in your tenant' });
    expect(problemText(notFound, tr('zh-CN'))).toEqual({ title: '未找到', detail: '在您的租户中找不到边缘节点 42' });
    const version = { ...notFound, fields: { resource: 'app-version', resourceId: 'v1', appId: 'a1' } };
    expect(problemText(version, tr('en')).detail).toBe('No version v1 of app a1 in your tenant');
    expect(problemText(version, tr('zh-CN')).detail).toBe('在您的租户中找不到应用 a1 的版本 v1');
  });

  it('words a coded reason and NUL refusals; keeps the server\'s detail for anything it does not know', () => {
    const taken: TApiProblem = { type: 'urn:mecport:problem:conflict', title: 'Conflict', status: 409, detail: 'x', fields: { reason: 'appd-id-taken', appDId: 'hello' } };
    expect(problemText(taken, tr('zh-CN'))).toEqual({ title: '冲突', detail: expect.stringContaining('appDId hello 已属于另一个应用') });
    const nul: TApiProblem = { type: 'urn:mecport:problem:validation', title: 'Invalid request', status: 400, detail: 'query.q: …', errors: [{ in: 'query', field: 'q', message: NUL_MESSAGE }] };
    expect(problemText(nul, tr('zh-CN')).detail).toBe('不允许使用 NUL 字符（U+0000）：q');
    const other: TApiProblem = { type: 'urn:example:other', title: 'Teapot', status: 418, detail: 'short and stout' };
    expect(problemText(other, tr('zh-CN'))).toEqual({ title: 'Teapot', detail: 'short and stout' });
    expect(problemText({ ...notFound, fields: { resource: 'spaceship', resourceId: '1' } }, tr('zh-CN')).detail).toBe('No edge node 42 in your tenant');
  });
});
