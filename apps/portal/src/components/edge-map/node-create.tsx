'use client';
/**
 * Register a node: the form, then (POST /api/v1/edge/nodes, then POST …/enrolment) the one-line
 * command to run on the host, with its expiry. The node stays "not enrolled" until it is run.
 */
import type { TEdgeNode, TEnrolmentTicket, TNodeGroup, TNodeWrite } from '@mecport/contracts';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { EnrolmentTicket } from './enrolment-ticket';
import { NodeForm } from './node-form';
import { emptyNodeForm } from './node-form-model';
import { NodesCrumbs } from './nodes-crumbs';
import { useApiJson } from '@/hooks/use-api-json';

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function NodeCreate() {
  const t = useTranslations('edgeMap.create');
  const router = useRouter();
  const { apiFetch } = useAuth();
  const groups = useApiJson<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const [created, setCreated] = useState<{ node: TEdgeNode; ticket: TEnrolmentTicket | null; problem: TApiProblem | null } | null>(null);
  const [formKey, setFormKey] = useState(0);

  const submit = async (body: TNodeWrite): Promise<TApiProblem | null> => {
    try {
      const res = await apiFetch('/api/v1/edge/nodes', json(body));
      if (!res.ok) return readProblem(res);
      const node = (await res.json()) as TEdgeNode;
      const ticketRes = await apiFetch(`/api/v1/edge/nodes/${node.id}/enrolment`, { method: 'POST' });
      setCreated(ticketRes.ok ? { node, ticket: (await ticketRes.json()) as TEnrolmentTicket, problem: null } : { node, ticket: null, problem: await readProblem(ticketRes) });
      return null;
    } catch (e) {
      return networkProblem(e);
    }
  };

  return (
    <Stack gap="lg" data-testid="node-create">
      <NodesCrumbs current={t('title')} />
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text c="dimmed">{t('description')}</Text>
      </Stack>
      {created ? (
        <Stack gap="md" maw={860} data-testid="node-created" data-node-id={created.node.id}>
          <Text fw={600} role="status">{t('created', { name: created.node.name })}</Text>
          {created.ticket && <EnrolmentTicket ticket={created.ticket} />}
          {created.problem && <ProblemAlert heading={t('ticketFailed')} problem={created.problem} testId="ticket-problem" />}
          <Group>
            <Button component={Link} href={`/edge-map/nodes/${created.node.id}`} data-testid="open-created-node">{t('openNode')}</Button>
            <Button variant="default" onClick={() => { setCreated(null); setFormKey((k) => k + 1); }}>{t('another')}</Button>
            <Anchor component={Link} href={`/edge-map?node=${created.node.id}`} size="sm">{t('showOnMap')}</Anchor>
          </Group>
        </Stack>
      ) : (
        <NodeForm key={formKey} mode="create" initial={emptyNodeForm()} groups={groups.data?.items ?? []} onSubmit={submit} onCancel={() => router.push('/edge-map/nodes')} />
      )}
    </Stack>
  );
}
