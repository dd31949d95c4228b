'use client';
/**
 * Downloads a published version's package for a signed-in user. The route needs the bearer
 * token, which a plain link cannot carry: the button first asks for one byte (`Range: bytes=0-0`)
 * so a missing route (404/501) or a refusal shows as a problem, then fetches the package and
 * hands it to the browser as a file.
 */
import { Button, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { saveResponse } from '@/components/ui/save-response';
import { ProblemAlert } from '@/components/ui/problem-alert';

export function packagePath(appId: string, versionId: string): string {
  return `/api/v1/store/apps/${appId}/versions/${versionId}/package`;
}

export function DownloadButton({ appId, versionId, fileName, size = 'sm' }: { appId: string; versionId: string; fileName: string; size?: 'xs' | 'sm' }) {
  const t = useTranslations('store.app');
  const { apiFetch } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const href = packagePath(appId, versionId);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const probe = await apiFetch(href, { headers: { Range: 'bytes=0-0', Accept: '*/*' } });
      if (!probe.ok) { setProblem(await readProblem(probe)); return; }
      await probe.body?.cancel();
      const res = await apiFetch(href, { headers: { Accept: '*/*' } });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      await saveResponse(res, fileName);
    } catch (e) {
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" align="flex-start">
      <Button component="a" href={href} size={size} leftSection={<IconDownload size={16} aria-hidden="true" />} loading={busy} data-testid="download-button"
        onClick={(e: React.MouseEvent) => { e.preventDefault(); void download(); }}>
        {t('download')}
      </Button>
      {problem && <ProblemAlert heading={t('downloadFailed')} problem={problem} testId="download-error" onClose={() => setProblem(null)} />}
    </Stack>
  );
}
