'use client';
/**
 * "Stop deployment" on a running deployment's page: a confirmation that says how many nodes will be
 * skipped (those still waiting for their batch) and that nodes already applying finish, then the
 * stop. The button shows only while it runs; an open confirmation stays when the deployment ends
 * meanwhile, and confirming then gets a 409 that StopProblem explains.
 */
import type { TDeploymentDetail } from '@mecport/contracts';
import { Button } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';

export interface TStopDeploymentProps {
  d: TDeploymentDetail;
  onStopped: (d: TDeploymentDetail) => void;
  onProblem: (problem: TApiProblem) => void;
}

export function StopDeployment({ d, onStopped, onProblem }: TStopDeploymentProps) {
  const t = useTranslations('edgeDeploy.stop');
  const { apiFetch } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const stop = async () => {
    setBusy(true);
    try {
      const res = await apiFetch(`/api/v1/edge/deployments/${encodeURIComponent(d.id)}/stop`, { method: 'POST' });
      if (res.ok) onStopped((await res.json()) as TDeploymentDetail);
      else onProblem(await readProblem(res));
    } catch (e) {
      onProblem(networkProblem(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const body = [
    t('confirmSkipped', { count: d.counts.pending }),
    ...(d.counts.applying > 0 ? [t('confirmApplying', { count: d.counts.applying })] : []),
    t('confirmFinal'),
  ].join(' ');
  return (
    <>
      {d.status === 'running' && (
        <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} aria-hidden="true" />} onClick={() => setConfirming(true)} data-testid="deployment-stop">
          {t('button')}
        </Button>
      )}
      <ConfirmModal opened={confirming} title={t('confirmTitle', { app: d.appName, version: d.version })} body={body}
        confirmLabel={t('button')} busy={busy} onConfirm={() => void stop()} onCancel={() => setConfirming(false)} />
    </>
  );
}

/** Why the stop failed; a 409 means the deployment ended before it (nothing left to stop). */
export function StopProblem({ problem, onClose }: { problem: TApiProblem; onClose: () => void }) {
  const t = useTranslations('edgeDeploy.stop');
  return <ProblemAlert heading={problem.status === 409 ? t('conflict') : t('failed')} problem={problem} testId="deployment-stop-error" onClose={onClose} />;
}
