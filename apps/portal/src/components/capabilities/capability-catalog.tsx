'use client';
/**
 * The capability catalog (`/capabilities`): the MEC platform APIs and the third-party services of
 * published apps, featured first; debounced search (English or Chinese words, serNames), a
 * category and a kind filter, "load more" cursor pagination.
 */
import type { TCapabilityKind, TCapabilityPage, TCapabilitySummary } from '@mecport/contracts';
import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { usePagedList } from '@/hooks/use-paged-list';
import { CapabilityCard } from './capability-card';

const PAGE_SIZE = 24;

export function capabilityListPath(filter: { q: string; category: string | null; kind: TCapabilityKind | null }): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.category) params.set('category', filter.category);
  if (filter.kind) params.set('kind', filter.kind);
  return `/api/v1/capabilities?${params.toString()}`;
}

export function CapabilityCatalog() {
  const t = useTranslations('capabilities');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 300);
  const [category, setCategory] = useState<string | null>(null);
  const [kind, setKind] = useState<TCapabilityKind | null>(null);
  const list = usePagedList<TCapabilitySummary>(capabilityListPath({ q, category, kind }), { init: { cache: 'no-store' }, clearOnPathChange: true });
  // The categories facet of everything the caller may see, for the filter.
  const facet = useApiJson<TCapabilityPage>('/api/v1/capabilities?limit=1');
  const categories = facet.data?.categories ?? [];
  const loading = list.items === null && !list.problem;

  return (
    <Stack gap="lg" maw={1200} data-testid="capability-catalog">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text c="dimmed">{t('intro')}</Text>
      </Stack>
      <Group gap="sm" align="flex-end" role="search" aria-label={t('searchRegion')}>
        <TextInput label={t('search')} placeholder={t('searchPlaceholder')} value={text} onChange={(e) => setText(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />} maxLength={200} type="search" w={360} data-testid="capability-search" />
        <Select label={t('category')} placeholder={t('any')} clearable w={220} data-testid="capability-category-filter"
          data={categories.map((c) => ({ value: c.category, label: `${c.category} (${c.count})` }))} value={category} onChange={setCategory} />
        <SegmentedControl value={kind ?? 'all'} onChange={(v) => setKind(v === 'all' ? null : (v as TCapabilityKind))} data-testid="capability-kind-filter"
          data={[{ value: 'all', label: t('kinds.all') }, { value: 'platform', label: t('kinds.platform') }, { value: 'service', label: t('kinds.service') }]} />
      </Group>

      <div aria-live="polite" aria-busy={loading}>
        {list.problem && <ProblemAlert heading={t('loadFailed')} problem={list.problem} testId="capability-error" />}
        {loading && (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="capability-loading">
            {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={140} radius="md" />)}
          </SimpleGrid>
        )}
        {list.items && list.items.length === 0 && !list.problem && (
          <Card withBorder padding="xl" data-testid="capability-empty"><Text fw={600} ta="center">{t('empty')}</Text></Card>
        )}
        {list.items && list.items.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="capability-results">
            {list.items.map((c) => <CapabilityCard key={`${c.kind}/${c.name}`} c={c} />)}
          </SimpleGrid>
        )}
      </div>
      {list.nextCursor && list.items && (
        <Button variant="light" w="fit-content" mx="auto" loading={list.loadingMore} onClick={list.loadMore} data-testid="capability-more">{t('more')}</Button>
      )}
    </Stack>
  );
}
