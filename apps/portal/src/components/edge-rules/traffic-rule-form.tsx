'use client';
/**
 * The traffic rule form (MEC 011 TrafficRule): id, priority, filter type, action, state, where
 * steered traffic goes, and one or more filters (addresses and CIDRs, ports and ranges, protocols,
 * DSCP / QCI / traffic class). Checked with the contract as the operator types: a field's error
 * shows once it was changed, every error once Keep is pressed (the first bad field gets the focus).
 */
import type { TValidTrafficRule } from '@mecport/contracts';
import { ActionIcon, Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { emptyFilterForm, INTERFACE_TYPES, TRAFFIC_ACTIONS, trafficRuleFromForm, type TFilterForm, type TTrafficRuleForm } from './rule-form-model';
import { RuleFormFooter, useRuleFormSubmit } from './rule-form-submit';
import { useFieldError } from './use-field-error';

type TFilterField = 'srcAddress' | 'dstAddress' | 'srcPort' | 'dstPort' | 'protocol' | 'dSCP' | 'qCI' | 'tC';
const LIST_FIELDS: TFilterField[] = ['dstAddress', 'dstPort', 'srcAddress', 'srcPort', 'protocol'];
const NUMBER_FIELDS: TFilterField[] = ['dSCP', 'qCI', 'tC'];

export interface TTrafficRuleFormProps { initial: TTrafficRuleForm; editing: boolean; idTaken: (id: string) => boolean; onSave: (rule: TValidTrafficRule) => void; onCancel: () => void }

export function TrafficRuleForm({ initial, editing, idTaken, onSave, onCancel }: TTrafficRuleFormProps) {
  const t = useTranslations('edgeRules.form');
  const fieldError = useFieldError();
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const { rule, errors } = trafficRuleFromForm(form);
  const taken = !editing && form.trafficRuleId.trim() !== '' && idTaken(form.trafficRuleId.trim());
  const { submitted, root, save } = useRuleFormSubmit(rule, taken, onSave);
  const shown = (field: string) => (submitted || touched.has(field) ? fieldError(errors[field]) : undefined);
  const touch = (field: string) => setTouched((s) => new Set(s).add(field));
  const set = (field: keyof TTrafficRuleForm, value: string) => { touch(field === 'interfaceType' ? 'dstIpAddress' : field); setForm((f) => ({ ...f, [field]: value })); };
  const setFilter = (i: number, field: TFilterField, value: string) => {
    touch(`filters.${i}.${field}`);
    setForm((f) => ({ ...f, filters: f.filters.map((x, j): TFilterForm => (j === i ? { ...x, [field]: value } : x)) }));
  };

  const errorCount = Object.keys(errors).length + (taken ? 1 : 0);

  return (
    <form ref={root} onSubmit={save} noValidate data-testid="traffic-rule-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('ruleId')} required value={form.trafficRuleId} disabled={editing} data-field="trafficRuleId" data-autofocus
            error={taken ? t('ruleIdTaken') : shown('trafficRuleId')} onChange={(e) => set('trafficRuleId', e.currentTarget.value)} />
          <TextInput label={t('priority')} required inputMode="numeric" value={form.priority} data-field="priority" error={shown('priority')} onChange={(e) => set('priority', e.currentTarget.value)} />
          <Select label={t('action')} value={form.action} data={TRAFFIC_ACTIONS.map((a) => ({ value: a, label: a }))} allowDeselect={false} data-field="action" onChange={(v) => v && set('action', v)} />
          <Select label={t('filterType')} value={form.filterType} data={['FLOW', 'PACKET']} allowDeselect={false} data-field="filterType" onChange={(v) => v && set('filterType', v)} />
          <Select label={t('interfaceType')} value={form.interfaceType} data={[{ value: '', label: t('noInterface') }, ...INTERFACE_TYPES.map((i) => ({ value: i, label: i }))]} allowDeselect={false}
            data-field="interfaceType" onChange={(v) => set('interfaceType', v ?? '')} />
          <TextInput label={t('dstIpAddress')} value={form.dstIpAddress} disabled={form.interfaceType !== 'IP'} data-field="dstIpAddress" placeholder="10.1.0.7"
            error={shown('dstIpAddress')} onChange={(e) => set('dstIpAddress', e.currentTarget.value)} />
          <Select label={t('state')} value={form.state} data={[{ value: 'ACTIVE', label: t('active') }, { value: 'INACTIVE', label: t('inactive') }]} allowDeselect={false}
            data-field="state" onChange={(v) => v && set('state', v)} />
        </SimpleGrid>
        {form.filters.map((filter, i) => (
          <Fieldset key={i} legend={t('filter', { n: i + 1 })} data-testid="traffic-filter">
            <Stack gap="xs">
              <Text size="xs" c="dimmed">{t('listHint')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {LIST_FIELDS.map((field) => (
                  <TextInput key={field} label={t(field)} value={filter[field]} data-field={`filters.${i}.${field}`} error={shown(`filters.${i}.${field}`)}
                    onChange={(e) => setFilter(i, field, e.currentTarget.value)} />
                ))}
              </SimpleGrid>
              <SimpleGrid cols={3}>
                {NUMBER_FIELDS.map((field) => (
                  <TextInput key={field} label={t(field)} inputMode="numeric" value={filter[field]} data-field={`filters.${i}.${field}`} error={shown(`filters.${i}.${field}`)}
                    onChange={(e) => setFilter(i, field, e.currentTarget.value)} />
                ))}
              </SimpleGrid>
              {form.filters.length > 1 && (
                <Group justify="flex-end">
                  <ActionIcon variant="subtle" color="red" aria-label={t('removeFilter', { n: i + 1 })} title={t('removeFilter', { n: i + 1 })}
                    onClick={() => setForm((f) => ({ ...f, filters: f.filters.filter((_, j) => j !== i) }))}><IconTrash size={16} aria-hidden="true" /></ActionIcon>
                </Group>
              )}
            </Stack>
          </Fieldset>
        ))}
        {shown('trafficFilter') && <Text size="sm" c="red">{shown('trafficFilter')}</Text>}
        <Group justify="space-between">
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setForm((f) => ({ ...f, filters: [...f.filters, emptyFilterForm()] }))}
            disabled={form.filters.length >= 16}>{t('addFilter')}</Button>
          <RuleFormFooter submitted={submitted} errorCount={errorCount} onCancel={onCancel} />
        </Group>
      </Stack>
    </form>
  );
}
