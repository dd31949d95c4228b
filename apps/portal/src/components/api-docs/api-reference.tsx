'use client';
/**
 * The browsable API reference: fetches `/api/openapi.json` in the browser and lists its
 * operations by tag. Loading, error (with the problem's details), empty and filter states.
 */
import { Accordion, Alert, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { problemFromResponse, type TProblem } from '@/auth/problem';
import { ProblemDetails } from '../problem-details';
import { filterGroups, groupOperations, parseOpenApi, type TOpenApiDoc } from './openapi-model';
import { OperationItem } from './operation-item';

export const OPENAPI_URL = '/api/openapi.json';

type TLoad =
  | { state: 'loading' }
  | { state: 'error'; problem?: TProblem; invalid?: boolean }
  | { state: 'ready'; doc: TOpenApiDoc };

export function ApiReference() {
  const t = useTranslations('apiDocs');
  const [load, setLoad] = useState<TLoad>({ state: 'loading' });
  const [query, setQuery] = useState('');

  const fetchDoc = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const res = await fetch(OPENAPI_URL, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!res.ok) {
        setLoad({ state: 'error', problem: await problemFromResponse(res) });
        return;
      }
      const doc = parseOpenApi(await res.json().catch(() => null));
      setLoad(doc ? { state: 'ready', doc } : { state: 'error', invalid: true });
    } catch (e) {
      setLoad({ state: 'error', problem: { title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) } });
    }
  }, []);

  useEffect(() => {
    void fetchDoc();
  }, [fetchDoc]);

  const groups = useMemo(() => (load.state === 'ready' ? groupOperations(load.doc) : []), [load]);
  const shown = useMemo(() => filterGroups(groups, query), [groups, query]);

  if (load.state === 'loading') {
    return (
      <Group gap="sm" role="status" data-testid="api-docs-loading">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t('loading')}</Text>
      </Group>
    );
  }

  if (load.state === 'error') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('loadFailed')} role="alert" data-testid="api-docs-error">
        <Stack gap="sm" align="flex-start">
          {load.invalid && <Text size="sm">{t('invalid')}</Text>}
          {load.problem && <ProblemDetails problem={load.problem} />}
          <Button size="xs" variant="light" onClick={() => void fetchDoc()}>{t('retry')}</Button>
        </Stack>
      </Alert>
    );
  }

  const { doc } = load;
  const total = groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <Stack gap="lg" data-testid="api-docs">
      <div>
        {doc.info.title && <Text fw={600}>{doc.info.title}</Text>}
        <Text size="sm" c="dimmed">
          {t('version', { version: doc.info.version ?? '–', openapi: doc.openapi })} · {t('operationCount', { count: total })}
        </Text>
        {doc.info.description && <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-line' }}>{doc.info.description}</Text>}
      </div>

      {total === 0 ? (
        <Alert color="gray" variant="light" data-testid="api-docs-empty">{t('empty')}</Alert>
      ) : (
        <>
          <TextInput
            label={t('filterLabel')}
            placeholder={t('filterPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            maw={420}
            type="search"
            data-testid="api-docs-filter"
          />
          {shown.length === 0 && <Text data-testid="api-docs-no-match">{t('noMatch')}</Text>}
          {shown.map((g) => (
            <section key={g.tag ?? '(untagged)'} data-testid="api-docs-tag" data-tag={g.tag ?? ''}>
              <Title order={2} size="h3">{g.tag ?? t('otherTag')}</Title>
              {g.description && <Text size="sm" c="dimmed">{g.description}</Text>}
              <Accordion multiple variant="separated" mt="sm" chevronPosition="right">
                {g.operations.map((op) => <OperationItem key={op.key} op={op} />)}
              </Accordion>
            </section>
          ))}
        </>
      )}
    </Stack>
  );
}
