'use client';
/**
 * One node: its status and facts, enrolment (a new one-time token and command, also to re-enrol
 * a revoked node), revoke and delete (each after a confirmation; delete is refused with 409 while
 * app instances exist, and the page says so), and the edit form.
 */
import type { TEnrolmentTicket, TNodeDetail, TNodeGroup, TNodeWrite } from '@mecport/contracts';
import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconMap2, IconPlugOff, IconTrash } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { EnrolmentTicket } from './enrolment-ticket';
import { NodeFacts } from './node-facts';
import { NodeForm } from './node-form';
import { nodeFormFrom } from './node-form-model';
import { NodesCrumbs } from './nodes-crumbs';
import { NodeStatusBadge } from './status-badge';
import { useApiJson } from '@/hooks/use-api-json';

type TPending = 'revoke' | 'delete' | null;

export function NodePage({ nodeId }: { nodeId: string }) {
  const t = useTranslations('edgeMap.node');
  const router = useRouter();
  const { apiFetch } = useAuth();
  const detail = useApiJson<TNodeDetail>(`/api/v1/edge/nodes/${nodeId}`, { pollMs: 10_000 });
  const groups = useApiJson<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const [ticket, setTicket] = useState<TEnrolmentTicket | null>(null);
  const [confirm, setConfirm] = useState<TPending>(null);
  const [busy, setBusy] = useState<'ticket' | 'revoke' | 'delete' | null>(null);
  const [problem, setProblem] = useState<{ heading: string; problem: TApiProblem } | null>(null);
  const [formVersion, setFormVersion] = useState(0);

  const run = async (kind: 'ticket' | 'revoke' | 'delete', request: () => Promise<Response>, onOk: (res: Response) => Promise<void> | void) => {
    setBusy(kind);
    setProblem(null);
    try {
      const res = await request();
      if (res.ok) await onOk(res);
      else setProblem({ heading: t(`failed.${kind}`), problem: await readProblem(res) });
    } catch (e) {
      setProblem({ heading: t(`failed.${kind}`), problem: networkProblem(e) });
    } finally {
      setBusy(null);
      setConfirm(null);
    }
  };
  const newTicket = () => run('ticket', () => apiFetch(`/api/v1/edge/nodes/${nodeId}/enrolment`, { method: 'POST' }), async (res) => { setTicket((await res.json()) as TEnrolmentTicket); detail.reload(); });
  const revoke = () => run('revoke', () => apiFetch(`/api/v1/edge/nodes/${nodeId}/revoke`, { method: 'POST' }), () => { setTicket(null); detail.reload(); });
  const remove = () => run('delete', () => apiFetch(`/api/v1/edge/nodes/${nodeId}`, { method: 'DELETE' }), () => router.push('/edge-map/nodes'));
  const save = async (body: TNodeWrite): Promise<TApiProblem | null> => {
    try {
      const res = await apiFetch(`/api/v1/edge/nodes/${nodeId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) return readProblem(res);
      detail.reload();
      return null;
    } catch (e) {
      return networkProblem(e);
    }
  };

  const node = detail.data?.node;
  if (!node) {
    return (
      <Stack gap="lg">
        <NodesCrumbs />
        {detail.problem ? <ProblemAlert heading={t('loadFailed')} problem={detail.problem} testId="node-load-error" /> : <Stack gap="xs" aria-busy="true">{[0, 1, 2].map((i) => <Skeleton key={i} height={28} />)}</Stack>}
      </Stack>
    );
  }
  const live = detail.data?.instances.length ?? 0;
  return (
    <Stack gap="lg" maw={1100} data-testid="node-page" data-node-id={node.id}>
      <NodesCrumbs current={node.name} />
      <Group justify="space-between" align="flex-end">
        <Stack gap={6}>
          <Title order={1} data-testid="node-title">{node.name}</Title>
          <NodeStatusBadge status={node.status} />
        </Stack>
        <Button variant="default" component={Link} href={`/edge-map?node=${node.id}`} leftSection={<IconMap2 size={16} aria-hidden="true" />}>{t('onMap')}</Button>
      </Group>
      {problem && <ProblemAlert heading={problem.heading} problem={problem.problem} testId="node-action-problem" onClose={() => setProblem(null)} />}
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">{t('enrolment')}</Title>
          <Text size="sm" data-testid="enrolment-state">{t(`enrolmentState.${node.status}`)}</Text>
          {ticket && <EnrolmentTicket ticket={ticket} />}
          <Group>
            <Button leftSection={<IconKey size={16} aria-hidden="true" />} onClick={() => void newTicket()} loading={busy === 'ticket'} data-testid="new-ticket">
              {node.status === 'revoked' ? t('reEnrol') : t('newTicket')}
            </Button>
            <Button color="orange" variant="light" leftSection={<IconPlugOff size={16} aria-hidden="true" />} onClick={() => setConfirm('revoke')} disabled={node.status === 'revoked' || node.status === 'pending'} data-testid="revoke-node">
              {t('revoke')}
            </Button>
            <Button color="red" variant="light" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setConfirm('delete')} data-testid="delete-node">{t('delete')}</Button>
          </Group>
          {live > 0 && <Alert color="gray" variant="light" p="xs"><Text size="xs">{t('deleteBlocked', { count: live })}</Text></Alert>}
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">{t('facts')}</Title>
        <NodeFacts node={node} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">{t('edit')}</Title>
        <NodeForm key={`${node.id}-${formVersion}`} mode="edit" initial={nodeFormFrom(node)} groups={groups.data?.items ?? []} onSubmit={save} onCancel={() => setFormVersion((v) => v + 1)} />
      </Card>
      <ConfirmModal opened={confirm === 'revoke'} title={t('revokeTitle', { name: node.name })} body={t('revokeBody')} confirmLabel={t('revoke')} color="orange" busy={busy === 'revoke'}
        onConfirm={() => void revoke()} onCancel={() => setConfirm(null)} />
      <ConfirmModal opened={confirm === 'delete'} title={t('deleteTitle', { name: node.name })} body={t('deleteBody')} confirmLabel={t('delete')} busy={busy === 'delete'}
        onConfirm={() => void remove()} onCancel={() => setConfirm(null)} />
    </Stack>
  );
}
