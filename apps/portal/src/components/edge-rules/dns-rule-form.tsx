'use client';
/**
 * The DNS rule form (MEC 011 DnsRule): id, domain name, address type and address (checked
 * against each other), TTL, state; checked with the contract as the operator types, like the
 * traffic rule form.
 */
import type { TValidDnsRule } from '@mecport/contracts';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { dnsRuleFromForm, type TDnsRuleForm } from './rule-form-model';
import { RuleFormFooter, useRuleFormSubmit } from './rule-form-submit';
import { useFieldError } from './use-field-error';

export interface TDnsRuleFormProps { initial: TDnsRuleForm; editing: boolean; idTaken: (id: string) => boolean; onSave: (rule: TValidDnsRule) => void; onCancel: () => void }

export function DnsRuleForm({ initial, editing, idTaken, onSave, onCancel }: TDnsRuleFormProps) {
  const t = useTranslations('edgeRules.form');
  const fieldError = useFieldError();
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const { rule, errors } = dnsRuleFromForm(form);
  const taken = !editing && form.dnsRuleId.trim() !== '' && idTaken(form.dnsRuleId.trim());
  const { submitted, root, save } = useRuleFormSubmit(rule, taken, onSave);
  const shown = (field: keyof TDnsRuleForm) => (submitted || touched.has(field) ? fieldError(errors[field], form.ipAddressType) : undefined);
  const set = (field: keyof TDnsRuleForm, value: string) => {
    setTouched((s) => new Set(s).add(field === 'ipAddressType' ? 'ipAddress' : field));
    setForm((f) => ({ ...f, [field]: value }));
  };
  const errorCount = Object.keys(errors).length + (taken ? 1 : 0);

  return (
    <form ref={root} onSubmit={save} noValidate data-testid="dns-rule-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('ruleId')} required value={form.dnsRuleId} disabled={editing} data-field="dnsRuleId" data-autofocus
            error={taken ? t('ruleIdTaken') : shown('dnsRuleId')} onChange={(e) => set('dnsRuleId', e.currentTarget.value)} />
          <TextInput label={t('domainName')} required value={form.domainName} placeholder="app.mec.example" data-field="domainName" error={shown('domainName')} onChange={(e) => set('domainName', e.currentTarget.value)} />
          <Select label={t('ipAddressType')} value={form.ipAddressType} data={[{ value: 'IP_V4', label: 'IPv4' }, { value: 'IP_V6', label: 'IPv6' }]} allowDeselect={false}
            data-field="ipAddressType" onChange={(v) => v && set('ipAddressType', v)} />
          <TextInput label={t('ipAddress')} required value={form.ipAddress} placeholder={form.ipAddressType === 'IP_V6' ? '2001:db8::7' : '10.1.0.7'} data-field="ipAddress"
            error={shown('ipAddress')} onChange={(e) => set('ipAddress', e.currentTarget.value)} />
          <TextInput label={t('ttl')} inputMode="numeric" value={form.ttl} data-field="ttl" error={shown('ttl')} onChange={(e) => set('ttl', e.currentTarget.value)} />
          <Select label={t('state')} value={form.state} data={[{ value: 'ACTIVE', label: t('active') }, { value: 'INACTIVE', label: t('inactive') }]} allowDeselect={false}
            data-field="state" onChange={(v) => v && set('state', v)} />
        </SimpleGrid>
        <RuleFormFooter submitted={submitted} errorCount={errorCount} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
