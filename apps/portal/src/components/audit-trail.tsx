'use client';
/** The tenant's audit trail (admin area): newest first, filter by action, "load more" pagination. */
import type { TAuditEvent } from '@mecport/contracts';
import { Alert, Button, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePagedList } from '@/hooks/use-paged-list';
import { AuditAction } from './audit-action';

function query(action: string): string {
  const params = new URLSearchParams({ limit: '20' });
  if (action) params.set('action', action);
  return `/api/v1/audit-events?${params}`;
}

export function AuditTrail() {
  const t = useTranslations('audit');
  const format = useFormatter();
  const [filter, setFilter] = useState('');
  const [action] = useDebouncedValue(filter.trim(), 300);
  const { items: events, nextCursor: next, problem, loadMore } = usePagedList<TAuditEvent>(query(action));
  const failed = problem ? (problem.detail ?? `HTTP ${problem.status}`) : null;

  return (
    <Stack gap="sm" data-testid="audit-trail">
      <Title order={2}>{t('title')}</Title>
      <Text size="sm" c="dimmed">{t('description')}</Text>
      <TextInput label={t('filter')} placeholder={t('filterPlaceholder')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={360} />
      {failed && <Alert color="red" variant="light" title={t('failed')} data-testid="audit-error">{failed}</Alert>}
      {events === null && !failed && <Loader size="sm" aria-label={t('loading')} />}
      {events?.length === 0 && <Text data-testid="audit-empty">{t('empty')}</Text>}
      {events && events.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="audit-table">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('when')}</Table.Th><Table.Th>{t('actor')}</Table.Th><Table.Th>{t('action')}</Table.Th><Table.Th>{t('target')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <Table.Td>{format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'medium' })}</Table.Td>
                  <Table.Td>{e.actor.name}</Table.Td>
                  <Table.Td><AuditAction action={e.action} /></Table.Td>
                  <Table.Td>{e.target.type}{e.target.id ? ` ${e.target.id}` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" onClick={loadMore} w="fit-content">{t('more')}</Button>}
    </Stack>
  );
}
