'use client';
/**
 * The map's filters: name search, status, province, city, node group, label selector and running
 * app. Every control is a labelled form field (keyboard-usable); "Clear" resets them all.
 */
import { NODE_STATUSES, type TNodeGroup } from '@mecport/contracts';
import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { activeFilterCount, parseSelector, type TFilterOptions, type TMapFilters } from './map-filters';

export interface TMapToolbarProps {
  filters: TMapFilters;
  /** The search box's text (committed to `filters.q` after a short pause). */
  search: string;
  options: TFilterOptions;
  groups: readonly TNodeGroup[];
  appNames: ReadonlyMap<string, string>;
  onSearch: (text: string) => void;
  onChange: (patch: Partial<TMapFilters>) => void;
  onClear: () => void;
}

export function MapToolbar({ filters, search, options, groups, appNames, onSearch, onChange, onClear }: TMapToolbarProps) {
  const t = useTranslations('edgeMap.filters');
  const tStatus = useTranslations('edgeMap.status');
  const labelInvalid = filters.label.trim() !== '' && parseSelector(filters.label) === null;
  return (
    <form role="search" aria-label={t('label')} onSubmit={(e) => e.preventDefault()} data-testid="map-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
        <TextInput label={t('search')} placeholder={t('searchPlaceholder')} leftSection={<IconSearch size={16} aria-hidden="true" />} value={search}
          onChange={(e) => onSearch(e.currentTarget.value)} data-testid="map-search" maxLength={100} />
        <Select label={t('status')} placeholder={t('any')} clearable value={filters.status} data-testid="filter-status"
          data={NODE_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))} onChange={(v) => onChange({ status: (v as TMapFilters['status']) ?? null })} />
        <Select label={t('province')} placeholder={t('any')} clearable searchable value={filters.province} data={options.provinces} data-testid="filter-province"
          onChange={(v) => onChange({ province: v, city: null })} nothingFoundMessage={t('nothingFound')} />
        <Select label={t('city')} placeholder={t('any')} clearable searchable value={filters.city} data={options.cities} data-testid="filter-city"
          onChange={(v) => onChange({ city: v })} nothingFoundMessage={t('nothingFound')} />
        <Select label={t('group')} placeholder={t('any')} clearable searchable value={filters.groupId} data-testid="filter-group"
          data={groups.map((g) => ({ value: g.id, label: g.name }))} onChange={(v) => onChange({ groupId: v })} nothingFoundMessage={t('nothingFound')} />
        <Autocomplete label={t('labels')} placeholder="tier=gold,site=campus" value={filters.label} data={options.labelPairs} data-testid="filter-label"
          onChange={(v) => onChange({ label: v })} error={labelInvalid ? t('labelsInvalid') : undefined} description={labelInvalid ? undefined : t('labelsHelp')} limit={20} />
        <Select label={t('app')} placeholder={t('any')} clearable searchable value={filters.appId} data-testid="filter-app"
          data={options.appIds.map((id) => ({ value: id, label: appNames.get(id) ?? id.slice(0, 8) }))} onChange={(v) => onChange({ appId: v })}
          nothingFoundMessage={t('noApps')} />
        <Group align="flex-end">
          <Button variant="default" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={onClear} disabled={activeFilterCount(filters) === 0 && search === ''} data-testid="filter-clear">
            {t('clear')}
          </Button>
        </Group>
      </SimpleGrid>
    </form>
  );
}
