'use client';
/**
 * Pick a published app by searching the store (English or Chinese words, the catalog's own
 * search), then one of its published versions (newest first, preselected).
 */
import type { TCatalogItem, TCatalogPage, TStoreAppDetail } from '@mecport/contracts';
import { Select, SimpleGrid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { localizedName } from '@/components/ui/localized-text';

const SEARCH_LIMIT = 20;

export interface TAppVersionFieldsProps {
  appId: string | null;
  appVersionId: string | null;
  /** The chosen app's store page (its published versions), once loaded. */
  app: TStoreAppDetail | null;
  appError?: string;
  versionError?: string;
  onApp: (appId: string | null) => void;
  onVersion: (appVersionId: string | null) => void;
}

function useCatalogSearch(query: string): { items: TCatalogItem[]; loading: boolean } {
  const { apiFetch } = useAuth();
  const [items, setItems] = useState<TCatalogItem[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    const p = new URLSearchParams({ limit: String(SEARCH_LIMIT) });
    if (query.trim()) p.set('q', query.trim());
    setLoading(true);
    apiFetch(`/api/v1/store/apps?${p}`, { signal: abort.signal })
      .then(async (res) => { if (res.ok) setItems(((await res.json()) as TCatalogPage).items); })
      .catch(() => undefined) // the list keeps its last results; the field still says what is chosen
      .finally(() => { if (!abort.signal.aborted) setLoading(false); });
    return () => abort.abort();
  }, [apiFetch, query]);
  return { items, loading };
}

export function AppVersionFields({ appId, appVersionId, app, appError, versionError, onApp, onVersion }: TAppVersionFieldsProps) {
  const t = useTranslations('edgeDeploy.form');
  const locale = useLocale();
  const [search, setSearch] = useState('');
  const selectedLabel = app ? localizedName(app.app, locale) : '';
  // Picking an option puts its label into the search box: that is no new search.
  const [query] = useDebouncedValue(search === selectedLabel ? '' : search, 300);
  const { items, loading } = useCatalogSearch(query);

  const options = useMemo(() => {
    const found = items.map((item) => ({ value: item.id, label: localizedName(item, locale) }));
    if (app && !found.some((o) => o.value === app.app.id)) found.unshift({ value: app.app.id, label: selectedLabel });
    return found;
  }, [items, app, locale, selectedLabel]);

  const versions = (app?.versions ?? []).map((v) => ({ value: v.id, label: t('versionOption', { version: v.version, architecture: v.architecture }) }));

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select label={t('app')} description={t('appHelp')} placeholder={t('appPlaceholder')} required searchable clearable data={options} value={appId}
        onChange={(v) => onApp(v)} searchValue={search} onSearchChange={setSearch} filter={({ options: o }) => o}
        nothingFoundMessage={loading ? t('searching') : t('noApps')} error={appError} data-field="appId" data-testid="deploy-app" />
      <Select label={t('version')} description={t('versionHelp')} placeholder={appId ? t('versionPlaceholder') : t('pickAppFirst')} required data={versions}
        value={appVersionId} onChange={(v) => onVersion(v)} disabled={!app} allowDeselect={false} error={versionError} data-field="appVersionId" data-testid="deploy-version" />
    </SimpleGrid>
  );
}
