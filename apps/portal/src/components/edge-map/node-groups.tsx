'use client';
/**
 * Node groups (as OpenYurt's node pools): list with node counts, create, delete (confirmed; the
 * group's nodes stay, ungrouped).
 */
import type { TNodeGroup } from '@mecport/contracts';
import { ActionIcon, Button, Card, Group, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';

export function NodeGroups({ groups, problem, onChanged }: { groups: TNodeGroup[] | null; problem: TApiProblem | null; onChanged: () => void }) {
  const t = useTranslations('edgeMap.groups');
  const { apiFetch } = useAuth();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<TApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [doomed, setDoomed] = useState<TNodeGroup | null>(null);

  const send = async (request: () => Promise<Response>): Promise<boolean> => {
    setBusy(true);
    setActionProblem(null);
    try {
      const res = await request();
      if (res.ok) { onChanged(); return true; }
      const p = await readProblem(res);
      const field = p.errors?.find((e) => e.field === 'name');
      if (field) setNameError(field.message);
      setActionProblem(p);
      return false;
    } catch (e) {
      setActionProblem(networkProblem(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) { setNameError(t('nameRequired')); return; }
    const ok = await send(() => apiFetch('/api/v1/edge/node-groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name.trim(), description: description.trim() }) }));
    if (ok) { setName(''); setDescription(''); }
  };
  const remove = async () => {
    if (doomed) await send(() => apiFetch(`/api/v1/edge/node-groups/${doomed.id}`, { method: 'DELETE' }));
    setDoomed(null);
  };

  return (
    <Card withBorder component="section" aria-labelledby="node-groups-title" data-testid="node-groups">
      <Stack gap="sm">
        <Title order={2} size="h4" id="node-groups-title">{t('title')}</Title>
        <Text size="sm" c="dimmed">{t('description')}</Text>
        {problem && <ProblemAlert heading={t('failed')} problem={problem} />}
        {actionProblem && <ProblemAlert heading={t('actionFailed')} problem={actionProblem} testId="group-problem" onClose={() => setActionProblem(null)} />}
        {groups === null && !problem && <Skeleton height={60} />}
        {groups?.length === 0 && <Text size="sm" c="dimmed" data-testid="groups-empty">{t('empty')}</Text>}
        {groups && groups.length > 0 && (
          <Table withRowBorders={false} data-testid="groups-table">
            <Table.Thead><Table.Tr><Table.Th>{t('name')}</Table.Th><Table.Th>{t('descriptionLabel')}</Table.Th><Table.Th>{t('nodes')}</Table.Th><Table.Th><VisuallyHidden>{t('actions')}</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.id} data-testid="group-row" data-group-name={g.name}>
                  <Table.Td fw={600}>{g.name}</Table.Td><Table.Td>{g.description || '—'}</Table.Td><Table.Td>{g.nodeCount}</Table.Td>
                  <Table.Td><ActionIcon variant="subtle" color="red" onClick={() => setDoomed(g)} aria-label={t('delete', { name: g.name })} data-testid="group-delete"><IconTrash size={16} aria-hidden="true" /></ActionIcon></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={(e) => void create(e)} noValidate data-testid="group-form">
          <Group align="flex-start" gap="sm">
            <TextInput label={t('name')} value={name} onChange={(e) => { setName(e.currentTarget.value); setNameError(null); }} error={nameError} maxLength={80} required data-testid="group-name" />
            <TextInput label={t('descriptionLabel')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit" mt={25} loading={busy} data-testid="group-create">{t('create')}</Button>
          </Group>
        </form>
      </Stack>
      <ConfirmModal opened={!!doomed} title={t('deleteTitle', { name: doomed?.name ?? '' })} body={t('deleteBody', { count: doomed?.nodeCount ?? 0 })} confirmLabel={t('deleteConfirm')}
        busy={busy} onConfirm={() => void remove()} onCancel={() => setDoomed(null)} />
    </Card>
  );
}
