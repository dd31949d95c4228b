'use client';
/**
 * One official MEC OpenAPI document as an interactive reference: read from the API
 * (`/api/v1/capability-specs/{id}`), its operations grouped by tag with parameters, request bodies
 * and response schemas ($refs resolved, api-docs' model), deprecated operations and parameters
 * marked, code samples per operation and, where the sandbox emulates the API, "try it".
 */
import type { TCapabilitySpec } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Accordion, Badge, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { filterGroups, groupOperations, parseOpenApi } from '../api-docs/openapi-model';
import { OperationItem } from '../api-docs/operation-item';
import { CodeSampleTabs } from './code-sample-tabs';
import { TryIt } from './try-it';

export function SpecReference({ spec, emulated, sandboxes }: { spec: TCapabilitySpec; emulated: boolean; sandboxes: TSandbox[] | null }) {
  const t = useTranslations('capabilities');
  const loaded = useApiJson<unknown>(`/api/v1/capability-specs/${spec.id}`);
  const groups = useMemo(() => {
    const doc = loaded.data ? parseOpenApi(loaded.data) : null;
    return doc ? groupOperations(doc) : [];
  }, [loaded.data]);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterGroups(groups, query), [groups, query]);

  return (
    <Stack gap="sm" data-testid="spec-reference" data-spec={spec.id}>
      <Group gap="xs">
        <Title order={2} size="h3">{spec.title}</Title>
        <Badge variant="light" color="indigo" tt="none" data-testid="spec-version">{t('specVersion', { version: spec.version })}</Badge>
        {spec.deprecatedOperations > 0 && <Badge variant="outline" color="red">{t('deprecatedOperations', { count: spec.deprecatedOperations })}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">{t('specLine', { standard: spec.standard, basePath: spec.basePath, count: spec.operationCount })}</Text>
      {loaded.problem && <ProblemAlert heading={t('specFailed')} problem={loaded.problem} />}
      {!loaded.data && !loaded.problem && <Group gap="xs" role="status"><Loader size="xs" aria-hidden="true" /><Text size="sm">{t('specLoading')}</Text></Group>}
      {groups.length > 0 && (
        <TextInput label={t('filterOperations')} leftSection={<IconSearch size={14} aria-hidden="true" />} value={query} onChange={(e) => setQuery(e.currentTarget.value)}
          type="search" maw={420} size="xs" data-testid="operation-filter" />
      )}
      {shown.map((g) => (
        <section key={g.tag ?? '(untagged)'} data-testid="spec-tag" data-tag={g.tag ?? ''}>
          <Title order={3} size="h4">{g.tag ?? t('otherTag')}</Title>
          {g.description && <Text size="sm" c="dimmed">{g.description}</Text>}
          <Accordion multiple variant="separated" mt="xs" chevronPosition="right">
            {g.operations.map((op) => (
              <OperationItem key={op.key} op={op} showRoles={false} extra={
                <>
                  <CodeSampleTabs op={op} basePath={spec.basePath} />
                  {emulated && <TryIt op={op} basePath={spec.basePath} sandboxes={sandboxes} />}
                </>
              } />
            ))}
          </Accordion>
        </section>
      ))}
    </Stack>
  );
}
