'use client';
/**
 * The edge map: every node of the tenant (GET /api/v1/edge/map/nodes, loaded once and re-read
 * every 15 s), clustered and shaped by status, filtered in the browser (filters in the URL), a
 * name search with a list of matches, a selection for a deployment, and the side panel of the
 * open node (`?node=<id>`).
 */
import { decodeMapNodes, type TAppInstance, type TMapNode, type TMapNodeList, type TNodeGroup, type TNodeStatus } from '@mecport/contracts';
import { Alert, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { LatLngBounds } from 'leaflet';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useMapConfig } from './edge-map-config';
import { filterNodes, filterOptions, mapFiltersQuery } from './map-filters';
import { MapLegend } from './map-legend';
import { MapMatches } from './map-matches';
import { MapToolbar } from './map-toolbar';
import { NodeMapLoader } from './node-map-loader';
import { NodeSidePanel } from './node-side-panel';
import { LEGEND_ORDER, statusCounts } from './node-status-style';
import { nodesInPolygon, type TLatLng } from '@/components/edge-rules/polygon-model';
import { nodesInBounds, prunedSelection, toggled, withAll } from './selection-model';
import { SelectionBar } from './selection-bar';
import { useApiJson } from '@/hooks/use-api-json';
import { useMapUrlState } from './use-map-url-state';

const NODES_POLL_MS = 15_000;

/**
 * The answer's nodes (decoded from the wire form), changing identity only when a node did, so a
 * re-read with no news neither decodes again nor rebuilds 10,000 markers.
 */
function useStableNodes(list: TMapNodeList | null): readonly TMapNode[] | null {
  const [stable, setStable] = useState<{ nodes: readonly TMapNode[]; signature: string } | null>(null);
  useEffect(() => {
    if (!list) return;
    const signature = JSON.stringify(list);
    setStable((s) => (s?.signature === signature ? s : { nodes: decodeMapNodes(list), signature }));
  }, [list]);
  return stable?.nodes ?? null;
}

export function EdgeMapPage() {
  const t = useTranslations('edgeMap');
  const tRules = useTranslations('edgeRules.map');
  const format = useFormatter();
  const { tileUrl } = useMapConfig();
  const { filters, openId, change, clear, open: setOpen } = useMapUrlState();
  const [search, setSearch] = useState(filters.q);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [drawnCount, setDrawnCount] = useState<number | null>(null);
  const view = useRef<LatLngBounds | null>(null);

  const nodesRes = useApiJson<TMapNodeList>('/api/v1/edge/map/nodes', { pollMs: NODES_POLL_MS });
  const groupsRes = useApiJson<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const instancesRes = useApiJson<{ items: TAppInstance[] }>('/api/v1/edge/instances?limit=100');
  const all = useStableNodes(nodesRes.data);

  const commitSearch = useDebouncedCallback((q: string) => change({ q }), 250);
  const open = useCallback((id: string) => { setOpen(id); setFocus({ id }); }, [setOpen]);
  const close = () => setOpen(null);

  const shown = useMemo(() => (all ? filterNodes(all, filters) : []), [all, filters]);
  const options = useMemo(() => filterOptions(all ?? [], filters.province), [all, filters.province]);
  const counts = useMemo(() => statusCounts(shown.map((n) => n.status)), [shown]);
  const appNames = useMemo(() => new Map((instancesRes.data?.items ?? []).map((i) => [i.appId, i.appName])), [instancesRes.data]);
  useEffect(() => { if (all) setSelected((s) => (s.size === 0 ? s : prunedSelection(s, all))); }, [all]);

  const statusLabel = useCallback((s: TNodeStatus) => t(`status.${s}`), [t]);
  const clusterLabel = useCallback((c: Record<TNodeStatus, number>, total: number) =>
    t('map.cluster', { total, detail: LEGEND_ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${t(`status.${s}`)}`).join(', ') }), [t]);
  const toggle = useCallback((id: string) => setSelected((s) => toggled(s, id)), []);
  const onViewChange = useCallback((b: LatLngBounds) => { view.current = b; }, []);
  const onPolygon = (ring: TLatLng[]) => {
    const inside = nodesInPolygon(shown, ring);
    setSelected((s) => withAll(s, inside));
    setDrawnCount(inside.length);
    setDrawing(false);
  };
  const selectInView = () => {
    const b = view.current;
    if (b) setSelected((s) => withAll(s, nodesInBounds(shown, { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() })));
  };

  return (
    <Stack gap="md" data-testid="edge-map-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('map.title')}</Title>
          <Text c="dimmed">{t('map.description')}</Text>
        </Stack>
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={nodesRes.reload} loading={nodesRes.loading && !!all} data-testid="map-refresh">{t('map.refresh')}</Button>
      </Group>
      {/* What the map does not show, said plainly (the shell's e2e test looks for this notice in every area) */}
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} data-testid="area-not-built">{t('map.notShown')}</Alert>
      {nodesRes.problem && <ProblemAlert heading={t('map.failed')} problem={nodesRes.problem} testId="map-error" />}
      <MapToolbar filters={filters} search={search} options={options} groups={groupsRes.data?.items ?? []} appNames={appNames}
        onSearch={(text) => { setSearch(text); commitSearch(text); }} onChange={change} onClear={() => { setSearch(''); commitSearch.cancel?.(); clear(); }} />
      {filters.q && all && <MapMatches nodes={shown} onOpen={open} />}
      <SelectionBar selected={selected} filteredCount={shown.length} onSelectFiltered={() => setSelected((s) => withAll(s, shown))} onSelectInView={selectInView} onClear={() => setSelected(new Set())}
        drawing={drawing} onDrawToggle={() => { setDrawnCount(null); setDrawing((d) => !d); }} />
      {drawnCount !== null && <Text size="sm" role="status" data-testid="draw-picked" data-count={drawnCount}>{tRules('drawPicked', { count: drawnCount })}</Text>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: openId ? 7 : 12, xl: openId ? 8 : 12 }}>
          <Stack gap="xs">
            <div style={{ height: 'min(70vh, 640px)', minHeight: 420 }}>
              {all ? (
                <NodeMapLoader nodes={shown} fitKey={mapFiltersQuery(filters)} tileUrl={tileUrl} selectedIds={selected} activeId={openId} focus={focus} statusLabel={statusLabel} clusterLabel={clusterLabel}
                  mapLabel={t('map.mapLabel')} onOpen={open} onToggleSelect={toggle} onViewChange={onViewChange}
                  drawing={drawing} onPolygon={onPolygon} onDrawCancel={() => setDrawing(false)} />
              ) : !nodesRes.problem && <Text size="sm" c="dimmed" aria-busy="true" data-testid="map-loading">{t('map.loading')}</Text>}
            </div>
            <Group justify="space-between">
              <MapLegend counts={counts} />
              {all && <Text size="sm" data-testid="map-shown-count" data-shown={shown.length} data-total={all.length}>{t('map.shown', { shown: format.number(shown.length), total: format.number(all.length) })}</Text>}
            </Group>
            {all && all.length === 0 && <Alert variant="light" color="gray" data-testid="map-empty" title={t('map.emptyTitle')}>{t('map.emptyBody')}</Alert>}
          </Stack>
        </Grid.Col>
        {openId ? (
          <Grid.Col span={{ base: 12, lg: 5, xl: 4 }}>
            <NodeSidePanel nodeId={openId} selected={selected.has(openId)} onToggleSelect={() => toggle(openId)} onClose={close} />
          </Grid.Col>
        ) : null}
      </Grid>
    </Stack>
  );
}
