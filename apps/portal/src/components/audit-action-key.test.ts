import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import zh from '../../messages/zh-CN.json';
import { auditActionKey } from './audit-action-key';
import type { TTranslator } from './ui/problem-text';

describe('audit action labels', () => {
  it('translate action codes in both languages through a dot-free key', () => {
    expect(auditActionKey('app.version.publish')).toBe('app_version_publish');
    expect((createTranslator({ locale: 'en', messages: en, namespace: 'apiContract.auditActions' }) as unknown as TTranslator)(auditActionKey('app.update'))).toBe('Listing edited');
    const zhT = (createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'apiContract.auditActions' }) as unknown as TTranslator);
    expect(zhT(auditActionKey('app.update'))).toBe('编辑了商店信息');
    expect(zhT.has(auditActionKey('edge.node.import'))).toBe(true);
    expect(zhT.has(auditActionKey('some.future.action')), 'unknown codes fall back to the code').toBe(false);
  });
});
