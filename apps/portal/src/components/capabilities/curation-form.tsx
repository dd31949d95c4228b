'use client';
/** Store admins curate a capability: feature, hide, mark deprecated, describe in English and Chinese; saved with PUT …/curation. */
import type { TCapabilityCuration, TCapabilityCurationInput, TCapabilitySummary } from '@mecport/contracts';
import { Button, Card, Group, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { capabilityApiPath } from './capability-text';

export function CurationForm({ c, curation, onSaved }: { c: TCapabilitySummary; curation: TCapabilityCuration; onSaved: () => void }) {
  const t = useTranslations('capabilities.curation');
  const { apiFetch } = useAuth();
  const [form, setForm] = useState<TCapabilityCurationInput>({
    featured: curation.featured, hidden: curation.hidden, deprecated: curation.deprecated, descriptionEn: curation.descriptionEn, descriptionZh: curation.descriptionZh,
  });
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (change: Partial<TCapabilityCurationInput>) => { setForm((f) => ({ ...f, ...change })); setSaved(false); };

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const res = await apiFetch(`${capabilityApiPath(c)}/curation`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(form) });
      if (res.ok) { setSaved(true); onSaved(); } else setProblem(await readProblem(res));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder padding="md" data-testid="curation-form">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('title')}</Title>
        <Text size="xs" c="dimmed">{curation.updatedBy ? t('lastBy', { name: curation.updatedBy }) : t('never')}</Text>
        <Group gap="lg">
          <Switch label={t('featured')} checked={form.featured} onChange={(e) => set({ featured: e.currentTarget.checked })} data-testid="curation-featured" />
          <Switch label={t('hidden')} checked={form.hidden} onChange={(e) => set({ hidden: e.currentTarget.checked })} data-testid="curation-hidden" />
          <Switch label={t('deprecated')} checked={form.deprecated} onChange={(e) => set({ deprecated: e.currentTarget.checked })} data-testid="curation-deprecated" />
        </Group>
        <Textarea label={t('descriptionEn')} description={t('descriptionHint')} autosize minRows={2} maxLength={4000} value={form.descriptionEn}
          onChange={(e) => set({ descriptionEn: e.currentTarget.value })} data-testid="curation-description-en" />
        <Textarea label={t('descriptionZh')} autosize minRows={2} maxLength={4000} value={form.descriptionZh} lang="zh-CN"
          onChange={(e) => set({ descriptionZh: e.currentTarget.value })} data-testid="curation-description-zh" />
        {problem && <ProblemAlert heading={t('failed')} problem={problem} />}
        <Group gap="sm">
          <Button onClick={() => void save()} loading={saving} data-testid="curation-save">{t('save')}</Button>
          {saved && <Text size="sm" c="green" role="status" data-testid="curation-saved">{t('saved')}</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
