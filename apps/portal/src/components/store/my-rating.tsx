'use client';
/** The signed-in user's own 1-5 star rating of an app; choosing a star saves it (one rating per user, editable). */
import type { TMyRating, TRatingSummary } from '@mecport/contracts';
import { Group, Rating, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';

export function MyRating({ appId, onSummary }: { appId: string; onSummary: (summary: TRatingSummary) => void }) {
  const t = useTranslations('store.rating');
  const { apiFetch } = useAuth();
  const [stars, setStars] = useState(0);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const rate = async (value: number) => {
    const before = stars;
    setStars(value);
    setSaved(false);
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch(`/api/v1/store/apps/${appId}/rating`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stars: value }) });
      if (!res.ok) { setStars(before); setProblem(await readProblem(res)); return; }
      const mine = (await res.json()) as TMyRating;
      setStars(mine.stars);
      setSaved(true);
      onSummary(mine.summary);
    } catch (e) {
      setStars(before);
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4} data-testid="my-rating">
      <Group gap="sm">
        <Text size="sm" fw={500} id={`my-rating-${appId}`}>{t('yours')}</Text>
        <Rating value={stars} onChange={(v) => void rate(v)} readOnly={busy} aria-labelledby={`my-rating-${appId}`} data-testid="my-rating-input"
          getSymbolLabel={(i) => t('starLabel', { count: i })} />
        {saved && <Text size="sm" c="green.9" data-testid="my-rating-saved" role="status">{t('saved', { stars })}</Text>}
      </Group>
      {!saved && stars === 0 && <Text size="xs" c="dimmed">{t('hint')}</Text>}
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="my-rating-error" onClose={() => setProblem(null)} />}
    </Stack>
  );
}
