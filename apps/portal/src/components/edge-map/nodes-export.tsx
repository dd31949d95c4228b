'use client';
/** Downloads the tenant's nodes as GeoJSON (the export needs the bearer token, so it is fetched and saved as a file). */
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { saveResponse } from '@/components/ui/save-response';

export function NodesExport() {
  const t = useTranslations('edgeMap.export');
  const { apiFetch, me } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch('/api/v1/edge/nodes/export', { headers: { accept: 'application/geo+json' } });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      await saveResponse(res, `edge-nodes-${me?.tenant.slug ?? 'tenant'}-${new Date().toISOString().slice(0, 10)}.geojson`);
    } catch (e) {
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" leftSection={<IconDownload size={16} aria-hidden="true" />} loading={busy} onClick={() => void download()} data-testid="export-nodes">{t('button')}</Button>
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="export-problem" onClose={() => setProblem(null)} />}
    </>
  );
}
