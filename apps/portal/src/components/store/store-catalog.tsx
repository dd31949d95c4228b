'use client';
/**
 * The public store catalog: debounced search (English or Chinese words), filters, sort and
 * "load more" cursor pagination. The filters live in the page URL (see catalog-state.ts).
 */
import { APP_CATEGORIES, ARCHITECTURES, type TCatalogItem, type TCatalogPage, type TCatalogSort } from '@mecport/contracts';
import { Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CatalogCard } from './catalog-card';
import { catalogApiPath, catalogSearch, catalogStateFrom, effectiveSort, EMPTY_CATALOG_STATE, type TCatalogState } from './catalog-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { usePagedList } from '@/hooks/use-paged-list';

// The catalog is public: the browser's fetch, no token needed.
const PUBLIC_JSON = { fetch: (path: string, init?: RequestInit) => fetch(path, init), init: { headers: { Accept: 'application/json' } }, clearOnPathChange: true };

function CardSkeleton() {
  return (
    <Card withBorder padding="md" radius="md" data-testid="catalog-skeleton" aria-hidden="true">
      <Group gap="sm" wrap="nowrap"><Skeleton height={48} width={48} radius="md" /><Stack gap={6} style={{ flex: 1 }}><Skeleton height={14} width="70%" /><Skeleton height={10} width="40%" /></Stack></Group>
      <Skeleton height={10} mt="md" /><Skeleton height={10} mt={6} width="80%" /><Skeleton height={10} mt="md" width="50%" />
    </Card>
  );
}

export function StoreCatalog() {
  const t = useTranslations('store');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => catalogStateFrom(new URLSearchParams(search)), [search]);

  const update = useCallback((change: Partial<TCatalogState>) => {
    const next = catalogSearch({ ...catalogStateFrom(new URLSearchParams(window.location.search)), ...change });
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  }, [pathname, router]);

  // The search box types freely; the URL (and so the query) follows 350 ms after the last key.
  const [text, setText] = useState(state.q);
  const [debounced] = useDebouncedValue(text, 350);
  const lastPushed = useRef(state.q);
  useEffect(() => {
    if (debounced.trim() === lastPushed.current.trim()) return;
    lastPushed.current = debounced;
    update({ q: debounced });
  }, [debounced, update]);
  useEffect(() => {
    // the URL changed from outside (back button, a link): show its words
    if (state.q.trim() !== lastPushed.current.trim()) {
      lastPushed.current = state.q;
      setText(state.q);
    }
  }, [state.q]);

  const { items, nextCursor: next, problem, loadingMore, loadMore, reload } = usePagedList<TCatalogItem>(catalogApiPath(state, null), PUBLIC_JSON);

  // Providers to choose from: those of the first catalog page, plus the chosen one.
  const [providers, setProviders] = useState<string[]>([]);
  useEffect(() => {
    void fetch('/api/v1/store/apps?limit=50&sort=newest', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<TCatalogPage>) : null))
      .then((page) => page && setProviders([...new Set(page.items.map((i) => i.provider))].sort((a, b) => a.localeCompare(b))))
      .catch(() => undefined);
  }, []);
  const providerOptions = state.provider && !providers.includes(state.provider) ? [state.provider, ...providers] : providers;

  const sorts: TCatalogSort[] = state.q.trim() ? ['relevance', 'newest', 'downloads', 'rating'] : ['newest', 'downloads', 'rating'];
  const filtered = catalogSearch({ ...state, sort: null }) !== catalogSearch({ ...EMPTY_CATALOG_STATE });
  // A first page that failed shows the problem alone, not the skeleton.
  const loading = items === null && !problem;

  return (
    <Stack gap="lg" maw={1200} data-testid="store-catalog">
      <Stack gap={4}>
        <Title order={1}>{t('catalog.title')}</Title>
        <Text c="dimmed">{t('catalog.description')}</Text>
      </Stack>

      <Stack gap="sm" component="form" role="search" aria-label={t('catalog.searchRegion')} onSubmit={(e) => { e.preventDefault(); lastPushed.current = text; update({ q: text }); }}>
        <TextInput
          label={t('catalog.search')} placeholder={t('catalog.searchPlaceholder')} value={text} onChange={(e) => setText(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />} maxLength={100} type="search" data-testid="catalog-search"
        />
        <Group gap="sm" align="flex-end">
          <Select label={t('catalog.category')} placeholder={t('catalog.any')} clearable data-testid="catalog-category" w={200}
            data={APP_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
            value={state.category} onChange={(v) => update({ category: (v as TCatalogState['category']) ?? null })} />
          <Select label={t('catalog.architecture')} placeholder={t('catalog.any')} clearable data-testid="catalog-architecture" w={160}
            data={ARCHITECTURES.map((a) => ({ value: a, label: a }))}
            value={state.architecture} onChange={(v) => update({ architecture: (v as TCatalogState['architecture']) ?? null })} />
          <Select label={t('catalog.provider')} placeholder={t('catalog.any')} clearable searchable data-testid="catalog-provider" w={200}
            data={providerOptions} value={state.provider || null} onChange={(v) => update({ provider: v ?? '' })}
            nothingFoundMessage={t('catalog.noProvider')} />
          <Select label={t('catalog.sort')} data-testid="catalog-sort" w={180} allowDeselect={false}
            data={sorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
            value={effectiveSort(state)} onChange={(v) => update({ sort: (v as TCatalogSort | null) ?? null })} />
          <Switch label={t('catalog.certifiedOnly')} checked={state.certifiedOnly} onChange={(e) => update({ certifiedOnly: e.currentTarget.checked })}
            data-testid="catalog-certified" mb={8} />
          {filtered && <Button variant="subtle" onClick={() => { lastPushed.current = ''; setText(''); update({ ...EMPTY_CATALOG_STATE }); }} data-testid="catalog-clear">{t('catalog.clear')}</Button>}
        </Group>
      </Stack>

      <div aria-live="polite" aria-busy={loading}>
        {problem && (
          <Stack gap="xs" mb="md">
            <ProblemAlert heading={t('catalog.failed')} problem={problem} testId="catalog-error" />
            <Button variant="light" w="fit-content" onClick={() => reload({ clear: true })}>{t('common.retry')}</Button>
          </Stack>
        )}
        {loading && (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="catalog-loading">
            {Array.from({ length: 6 }, (_, i) => <CardSkeleton key={i} />)}
          </SimpleGrid>
        )}
        {items && items.length === 0 && !problem && (
          <Card withBorder padding="xl" data-testid="catalog-empty">
            <Stack align="center" gap="xs">
              <Text fw={600}>{filtered ? t('catalog.emptyFiltered') : t('catalog.empty')}</Text>
              {filtered && <Text size="sm" c="dimmed">{t('catalog.emptyHint')}</Text>}
            </Stack>
          </Card>
        )}
        {items && items.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="catalog-results">
            {items.map((item) => <CatalogCard key={item.id} item={item} />)}
          </SimpleGrid>
        )}
      </div>
      {next && items && (
        <Button variant="light" w="fit-content" mx="auto" loading={loadingMore} onClick={loadMore} data-testid="catalog-more">
          {t('catalog.more')}
        </Button>
      )}
    </Stack>
  );
}
