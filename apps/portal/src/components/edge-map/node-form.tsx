'use client';
/**
 * The node form, to register a node or edit one: name, coordinates (typed, or by clicking the
 * small map), address, province / city / district, group, labels, capacity and the data-plane
 * adapter with its settings, the Mp1 callback allow-list, the container runtime and the registries it may pull from. Checked with the API's contract on submit; the server's field
 * errors land under the fields they name.
 */
import { CONTAINER_RUNTIMES, CPU_ARCHITECTURES, DATA_PLANE_ADAPTERS, type TNodeGroup, type TNodeWrite } from '@mecport/contracts';
import { Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useMapConfig } from './edge-map-config';
import { KeyValueRows } from './key-value-rows';
import type { TLabelRowError } from './label-editor-model';
import { LocationPickerLoader } from './location-picker-loader';
import { RegistryRows } from './registry-rows';
import {
  nodeBody, serverNodeErrors, type TAdapter, type TArchitecture, type TContainerRuntime, type TNodeFormErrors, type TNodeFormField, type TNodeFormValues,
} from './node-form-model';

const CODES = ['required', 'invalidNumber', 'outOfRange', 'invalid'];

export interface TNodeFormProps {
  mode: 'create' | 'edit';
  initial: TNodeFormValues;
  groups: readonly TNodeGroup[];
  /** Sends the body; resolves to the server's problem, or null when saved. */
  onSubmit: (body: TNodeWrite) => Promise<TApiProblem | null>;
  onCancel?: () => void;
}

export function NodeForm({ mode, initial, groups, onSubmit, onCancel }: TNodeFormProps) {
  const t = useTranslations('edgeMap.form');
  const tFacts = useTranslations('edgeMap.facts');
  const { tileUrl } = useMapConfig();
  const [v, setValues] = useState(initial);
  const [errors, setErrors] = useState<TNodeFormErrors>({});
  const [labelErrors, setLabelErrors] = useState<TLabelRowError[]>([]);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const err = (f: TNodeFormField) => { const e = errors[f]; return e === undefined ? undefined : CODES.includes(e) ? t(`errors.${e as 'required'}`) : e; };
  const set = (patch: Partial<TNodeFormValues>) => {
    setSaved(false);
    setValues((old) => ({ ...old, ...patch }));
    setErrors((e) => { const next = { ...e }; for (const k of Object.keys(patch)) delete next[k as TNodeFormField]; return next; });
  };
  const text = (field: 'name' | 'address' | 'province' | 'city' | 'district' | 'latitude' | 'longitude' | 'cpuCores' | 'memoryMb' | 'gpus' | 'npus') => ({
    value: v[field], error: err(field), 'data-field': field, onChange: (e: React.ChangeEvent<HTMLInputElement>) => set({ [field]: e.currentTarget.value }),
  });
  const position = Number.isFinite(Number.parseFloat(v.latitude)) && Number.isFinite(Number.parseFloat(v.longitude)) ? [Number(v.latitude), Number(v.longitude)] as [number, number] : null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const result = nodeBody(v);
    if (!result.ok) {
      setErrors(result.errors);
      setLabelErrors(result.labelErrors);
      document.querySelector<HTMLElement>(`[data-field="${Object.keys(result.errors)[0]}"]`)?.focus();
      return;
    }
    setLabelErrors([]);
    setBusy(true);
    try {
      const answer = await onSubmit(result.body);
      if (answer) { setErrors(serverNodeErrors(answer.errors)); setProblem(answer); } else setSaved(true);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = Object.fromEntries(labelErrors.map((e) => [e.row, { [e.part]: t(`labelErrors.${e.code}`) }]));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid={`node-form-${mode}`}>
      <Stack gap="md" maw={960}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('name')} required maxLength={100} {...text('name')} description={t('nameHelp')} />
          <Select label={t('group')} placeholder={t('noGroup')} clearable searchable value={v.groupId} data={groups.map((g) => ({ value: g.id, label: g.name }))}
            onChange={(id) => set({ groupId: id })} error={err('groupId')} data-field="groupId" nothingFoundMessage={t('noGroups')} />
        </SimpleGrid>
        <Fieldset legend={t('location')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('latitude')} required inputMode="decimal" placeholder="22.5431" {...text('latitude')} />
              <TextInput label={t('longitude')} required inputMode="decimal" placeholder="114.0579" {...text('longitude')} />
            </SimpleGrid>
            <Text size="xs" c="dimmed" id="picker-help">{t('pickHelp')}</Text>
            <LocationPickerLoader tileUrl={tileUrl} position={position} label={t('pickLabel')} onPick={(lat, lng) => set({ latitude: String(lat), longitude: String(lng) })} />
            <TextInput label={t('address')} maxLength={300} {...text('address')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('province')} maxLength={60} {...text('province')} />
              <TextInput label={t('city')} maxLength={60} {...text('city')} />
              <TextInput label={t('district')} maxLength={60} {...text('district')} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <KeyValueRows legend={t('labels')} description={t('labelsHelp')} rows={v.labels} onChange={(labels) => set({ labels })} rowErrors={rowErrors}
          error={err('labels') && labelErrors.length === 0 ? err('labels') : undefined} keyPlaceholder="tier" valuePlaceholder="gold" testId="labels-editor" />
        <Fieldset legend={t('capacity')}>
          <Stack gap="sm">
            <Checkbox label={t('capacityKnown')} description={t('capacityHelp')} checked={v.hasCapacity} onChange={(e) => set({ hasCapacity: e.currentTarget.checked })} data-testid="capacity-known" />
            {v.hasCapacity && (
              <SimpleGrid cols={{ base: 1, sm: 5 }}>
                <Select label={t('architecture')} data={[...CPU_ARCHITECTURES]} value={v.architecture} allowDeselect={false} onChange={(a) => set({ architecture: (a ?? 'x86_64') as TArchitecture })} />
                <TextInput label={t('cpuCores')} inputMode="numeric" {...text('cpuCores')} />
                <TextInput label={t('memoryMb')} inputMode="numeric" {...text('memoryMb')} />
                <TextInput label={t('gpus')} inputMode="numeric" {...text('gpus')} />
                <TextInput label={t('npus')} inputMode="numeric" {...text('npus')} />
              </SimpleGrid>
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('dataPlane')}>
          <Stack gap="sm">
            <Select label={t('adapter')} description={t('adapterHelp')} data={DATA_PLANE_ADAPTERS.map((a) => ({ value: a, label: tFacts(`adapters.${a}`) }))} value={v.adapter}
              allowDeselect={false} onChange={(a) => set({ adapter: (a ?? 'memory') as TAdapter })} data-testid="adapter" />
            <KeyValueRows legend={t('settings')} description={t('settingsHelp')} rows={v.settings} onChange={(settings) => set({ settings })} error={err('settings')}
              keyPlaceholder="baseUrl" valuePlaceholder="https://nef.example.net" testId="settings-editor" />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('callbacks')}>
          <Textarea label={t('callbackAllowCidrs')} description={t('callbackAllowCidrsHelp')} autosize minRows={2} placeholder="10.20.0.0/16"
            value={v.callbackAllowCidrs} error={err('callbackAllowCidrs')} data-field="callbackAllowCidrs" data-testid="callback-allow-cidrs"
            onChange={(e) => set({ callbackAllowCidrs: e.currentTarget.value })} />
        </Fieldset>
        <Fieldset legend={t('runtime')}>
          <Stack gap="sm">
            <Select label={t('containerRuntime')} description={t('containerRuntimeHelp')} data={CONTAINER_RUNTIMES.map((r) => ({ value: r, label: t(`containerRuntimes.${r}`) }))}
              value={v.containerRuntime} allowDeselect={false} onChange={(r) => set({ containerRuntime: (r ?? 'none') as TContainerRuntime })} data-testid="container-runtime" />
            {v.containerRuntime !== 'none' && <RegistryRows rows={v.registries} onChange={(registries) => set({ registries })} error={err('registries')} />}
          </Stack>
        </Fieldset>
        {err('form') && <Text c="red" size="sm" role="alert">{err('form')}</Text>}
        {problem && <ProblemAlert heading={mode === 'create' ? t('createFailed') : t('saveFailed')} problem={problem} testId="node-form-problem" />}
        {saved && mode === 'edit' && <Text c="green.9" role="status" data-testid="node-form-saved">{t('saved')}</Text>}
        <Group>
          <Button type="submit" loading={busy} data-testid="node-form-submit">{mode === 'create' ? t('create') : t('save')}</Button>
          {onCancel && <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
