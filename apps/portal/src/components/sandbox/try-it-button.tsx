'use client';
/**
 * The store page's "Try it": for a signed-in visitor of a published app marked experienceable,
 * starts a short-lived sandbox running the app's latest published version
 * (`POST /api/v1/store/apps/{appId}/experience`) and opens it. The store page shows it only then.
 */
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Button, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';

export function TryItButton({ appId }: { appId: string }) {
  const t = useTranslations('sandbox.tryIt');
  const router = useRouter();
  const { apiFetch } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch(`/api/v1/store/apps/${encodeURIComponent(appId)}/experience`, { method: 'POST' });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      const sandbox = (await res.json()) as TSandbox;
      router.push(`/sandboxes/${sandbox.id}`);
    } catch (e) {
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4} maw={260}>
      <Button variant="light" color="grape" leftSection={<IconPlayerPlay size={16} aria-hidden="true" />} loading={busy} onClick={() => void start()} data-testid="store-try-it">
        {t('button')}
      </Button>
      <Text size="xs" c="dimmed">{t('help')}</Text>
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="store-try-it-error" onClose={() => setProblem(null)} />}
    </Stack>
  );
}
