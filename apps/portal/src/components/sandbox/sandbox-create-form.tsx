'use client';
/**
 * The "new sandbox" form: a scenario (each with its description and what it holds), the clock
 * (real or virtual), an optional seed and name. A refused create shows the problem; the tenant's
 * quota gets a message that says what to do. On success the new sandbox's page opens.
 */
import type { TSandbox, TSandboxClock, TScenarioSummary } from '@mecport/contracts/sandbox';
import { Alert, Button, Group, NumberInput, Radio, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { bilingual } from './bilingual';
import { isSandboxProblem } from './sandbox-problem';

export interface TSandboxCreateFormProps {
  scenarios: TScenarioSummary[] | null;
  scenariosProblem: TApiProblem | null;
  onCancel: () => void;
}

function ScenarioCounts({ s }: { s: TScenarioSummary }) {
  const t = useTranslations('sandbox.create');
  return (
    <Text size="xs" c="dimmed" data-testid="scenario-counts">
      {t('counts', { ues: s.ueCount, zones: s.zoneCount, poas: s.poaCount, nodes: s.mecNodeCount, events: s.eventCount, minutes: Math.round(s.durationSec / 60) })}
    </Text>
  );
}

export function SandboxCreateForm({ scenarios, scenariosProblem, onCancel }: TSandboxCreateFormProps) {
  const t = useTranslations('sandbox.create');
  const locale = useLocale();
  const router = useRouter();
  const { apiFetch } = useAuth();
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [clock, setClock] = useState<TSandboxClock>('real');
  const [seed, setSeed] = useState<number | string>('');
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!scenarioId) { setMissing(true); return; }
    setBusy(true);
    setProblem(null);
    try {
      const body = { scenarioId, clock, ...(typeof seed === 'number' ? { seed } : {}), ...(name.trim() ? { name: name.trim() } : {}) };
      const res = await apiFetch('/api/v1/sandboxes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      const created = (await res.json()) as TSandbox;
      router.push(`/sandboxes/${created.id}`);
    } catch (err) {
      setProblem(networkProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="sandbox-create-form" aria-labelledby="sandbox-create-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="sandbox-create-title">{t('title')}</Title>
        {scenariosProblem && <ProblemAlert heading={t('scenariosFailed')} problem={scenariosProblem} testId="scenarios-error" />}
        {scenarios === null && !scenariosProblem && <Skeleton height={120} />}
        {scenarios && (
          <Radio.Group value={scenarioId} onChange={(v) => { setScenarioId(v); setMissing(false); }} label={t('scenario')} withAsterisk
            error={missing ? t('scenarioRequired') : undefined} data-testid="scenario-picker">
            <Stack gap="xs" mt="xs">
              {scenarios.map((s) => (
                <Radio.Card key={s.id} value={s.id} p="sm" radius="md" data-testid="scenario-option" data-scenario-id={s.id}>
                  <Group wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <Stack gap={2}>
                      <Text fw={600}>{bilingual(s.name, locale)}</Text>
                      <Text size="sm">{bilingual(s.description, locale)}</Text>
                      <ScenarioCounts s={s} />
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Radio.Group value={clock} onChange={(v) => setClock(v as TSandboxClock)} label={t('clock')} description={clock === 'real' ? t('clockRealHelp') : t('clockVirtualHelp')} data-testid="clock-picker">
          <Group gap="lg" mt={6}>
            <Radio value="real" label={t('clockReal')} data-testid="clock-real" />
            <Radio value="virtual" label={t('clockVirtual')} data-testid="clock-virtual" />
          </Group>
        </Radio.Group>
        <Group grow align="flex-start">
          <NumberInput label={t('seed')} description={t('seedHelp')} value={seed} onChange={setSeed} min={0} max={2_147_483_647} allowDecimal={false} allowNegative={false} data-testid="seed-input" />
          <TextInput label={t('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} data-testid="name-input" />
        </Group>
        {problem && isSandboxProblem(problem, 'quota') && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('quotaTitle')} role="alert" data-testid="sandbox-quota-error">
            <Text size="sm">{t('quota')}</Text>
            {problem.detail && <Text size="xs" c="dimmed" mt={4}>{problem.detail}</Text>}
          </Alert>
        )}
        {problem && !isSandboxProblem(problem, 'quota') && <ProblemAlert heading={t('failed')} problem={problem} testId="sandbox-create-error" />}
        <Group>
          <Button type="submit" loading={busy} data-testid="sandbox-create-submit">{t('submit')}</Button>
          <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
