'use client';
/**
 * The Leaflet map of the edge nodes (browser only: loaded through node-map-loader with ssr:false).
 *
 * Markers are plain Leaflet markers added to react-leaflet-cluster's group in one `addLayers` call
 * (chunked, so 10,000 nodes never block the page), not one React component per node: React would
 * otherwise diff 10,000 elements on every filter change. Four shared icons (one per status) keep
 * memory flat; a selected marker gets its own icon with a halo. When the last chunk is clustered
 * the container gets `data-rendered` and the page a `edge-map:clusters-drawn` performance mark
 * (the benchmark and the tests wait for it).
 *
 * Click or Enter on a marker opens the node; Shift+click or Shift+Enter toggles its selection;
 * Enter on a cluster zooms into it. With `drawing`, the polygon tool picks the nodes of a drawn area.
 */
import 'leaflet/dist/leaflet.css';
import 'react-leaflet-cluster/dist/assets/MarkerCluster.css';
import 'react-leaflet-cluster/dist/assets/MarkerCluster.Default.css';
import './node-map.css';
import type { TMapNode, TNodeStatus } from '@mecport/contracts';
import L from 'leaflet';
import type {} from 'leaflet.markercluster';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, useMap, useMapEvents } from 'react-leaflet';
import MarkerClusterGroup from 'react-leaflet-cluster';
import { PolygonTool } from '@/components/edge-rules/polygon-tool';
import type { TLatLng } from '@/components/edge-rules/polygon-model';
import { BasemapLayer } from './basemap-layer';
import { MAX_ZOOM } from './basemap-model';
import { clusterRing, markerHtml, MARKER_SIZE, statusCounts } from './node-status-style';

export const CLUSTERS_DRAWN_MARK = 'edge-map:clusters-drawn';

export interface TNodeMapProps {
  nodes: readonly TMapNode[];
  tileUrl: string;
  selectedIds: ReadonlySet<string>;
  activeId: string | null;
  /** Changes with the filters: the view then fits the nodes shown. */
  fitKey: string;
  /** A node to bring into view (spiderfied out of its cluster if needed); a new object each time. */
  focus: { id: string } | null;
  statusLabel: (status: TNodeStatus) => string;
  clusterLabel: (counts: Record<TNodeStatus, number>, total: number) => string;
  mapLabel: string;
  onOpen: (id: string) => void;
  onToggleSelect: (id: string) => void;
  onViewChange: (bounds: L.LatLngBounds) => void;
  /** The polygon tool is on: clicks add corners, Enter closes (edge-rules/polygon-tool). */
  drawing?: boolean;
  onPolygon?: (ring: TLatLng[]) => void;
  onDrawCancel?: () => void;
}

type TNodeMarker = L.Marker & { options: L.MarkerOptions & { nodeId: string; status: TNodeStatus } };

const isActivation = (e: KeyboardEvent) => e.key === 'Enter' || e.key === ' ';

/** Enter or Space on a cluster zooms into it, as a click does. */
function clusterKeydown(e: L.LeafletEvent & { layer: L.MarkerCluster; originalEvent: KeyboardEvent }) {
  if (!isActivation(e.originalEvent)) return;
  e.originalEvent.preventDefault();
  e.layer.zoomToBounds({ padding: [24, 24] });
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const iconCache = new Map<string, L.DivIcon>();
function iconFor(status: TNodeStatus, selected: boolean): L.DivIcon {
  const key = `${status}:${selected}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = L.divIcon({ className: `edge-node-marker edge-node-${status}`, html: markerHtml(status, selected), iconSize: [MARKER_SIZE, MARKER_SIZE] });
    iconCache.set(key, icon);
  }
  return icon;
}

function ViewEvents({ onViewChange }: { onViewChange: (b: L.LatLngBounds) => void }) {
  const map = useMapEvents({ moveend: () => onViewChange(map.getBounds()) });
  useEffect(() => { onViewChange(map.getBounds()); }, [map, onViewChange]);
  return null;
}

/** Fits the view to the nodes when the filters change (`fitKey`), not when a re-read brings news, so the operator's view stays put. */
function FitToFilters({ nodes, fitKey }: { nodes: readonly TMapNode[]; fitKey: string }) {
  const map = useMap();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (fitted.current === fitKey || nodes.length === 0) return;
    fitted.current = fitKey;
    map.fitBounds(L.latLngBounds(nodes.map((n) => [n.lat, n.lng] as [number, number])), { padding: [24, 24], maxZoom: 12 });
  }, [map, nodes, fitKey]);
  return null;
}

export default function NodeMap(props: TNodeMapProps) {
  const { nodes, tileUrl, selectedIds, activeId, focus, mapLabel } = props;
  // A state, not a ref: MapContainer mounts its children only after the map exists, so the group
  // arrives after this component's first effects, and the markers must be added then.
  const [group, setGroup] = useState<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, TNodeMarker>());
  const [rendered, setRendered] = useState<{ count: number; done: boolean }>({ count: 0, done: false });
  // Callbacks in a ref: the cluster group is built once and must always call the latest ones.
  const latest = useRef(props);
  useEffect(() => { latest.current = props; });

  const clusterOptions = useMemo(() => ({
    chunkedLoading: true,
    // Cluster in 150 ms slices with 10 ms breaths (defaults 200 / 50): the page stays responsive and 10,000 nodes land sooner.
    chunkInterval: 150,
    chunkDelay: 10,
    showCoverageOnHover: false,
    maxClusterRadius: 60,
    chunkProgress: (processed: number, total: number) => {
      if (processed < total) return;
      setRendered({ count: total, done: true });
      requestAnimationFrame(() => performance.mark(CLUSTERS_DRAWN_MARK, { detail: { markers: total } }));
    },
    iconCreateFunction: (cluster: L.MarkerCluster) => {
      const children = cluster.getAllChildMarkers() as TNodeMarker[];
      const counts = statusCounts(children.map((m) => m.options.status));
      const label = latest.current.clusterLabel(counts, children.length);
      const size = children.length < 100 ? 36 : children.length < 1000 ? 42 : 50;
      return L.divIcon({
        className: 'edge-cluster',
        html: `<div class="edge-cluster-ring" style="background:${clusterRing(counts)}" role="img" aria-label="${escapeAttr(label)}" title="${escapeAttr(label)}"><span>${children.length}</span></div>`,
        iconSize: [size, size],
      });
    },
  }), []);

  useEffect(() => {
    if (!group) return;
    group.on('clusterkeydown', clusterKeydown as L.LeafletEventHandlerFn);
    return () => { group.off('clusterkeydown', clusterKeydown as L.LeafletEventHandlerFn); };
  }, [group]);

  // Rebuild the markers when the (filtered) node list changes.
  useEffect(() => {
    if (!group) return;
    group.clearLayers();
    markers.current.clear();
    setRendered({ count: 0, done: false });
    const { statusLabel } = latest.current;
    const list = nodes.map((n) => {
      const marker = L.marker([n.lat, n.lng], {
        icon: iconFor(n.status, false), title: `${n.name} — ${statusLabel(n.status)}`, alt: n.name, keyboard: true, riseOnHover: true,
      }) as TNodeMarker;
      marker.options.nodeId = n.id;
      marker.options.status = n.status;
      const act = (shift: boolean) => (shift ? latest.current.onToggleSelect(n.id) : latest.current.onOpen(n.id));
      marker.on('click', (e: L.LeafletMouseEvent) => act(!!e.originalEvent?.shiftKey));
      // Leaflet gives a keyboard marker role=button and a tab stop, but Enter does nothing: do what a button does.
      marker.on('keydown', (e: L.LeafletKeyboardEvent) => {
        if (!isActivation(e.originalEvent)) return;
        e.originalEvent.preventDefault();
        act(e.originalEvent.shiftKey);
      });
      markers.current.set(n.id, marker);
      return marker;
    });
    if (list.length === 0) {
      setRendered({ count: 0, done: true });
      requestAnimationFrame(() => performance.mark(CLUSTERS_DRAWN_MARK, { detail: { markers: 0 } }));
      return;
    }
    group.addLayers(list);
  }, [group, nodes]);

  // Selection and the open node only swap icons, never rebuild the clusters.
  useEffect(() => {
    for (const [id, marker] of markers.current) {
      const selected = selectedIds.has(id) || id === activeId;
      const icon = iconFor(marker.options.status, selected);
      if (marker.options.icon !== icon) marker.setIcon(icon);
    }
  }, [selectedIds, activeId, nodes]);

  useEffect(() => {
    const marker = focus ? markers.current.get(focus.id) : undefined;
    if (marker && group) group.zoomToShowLayer(marker, () => marker.getElement()?.focus());
  }, [focus, group]);

  return (
    <div className="edge-map-frame" data-testid="edge-map" data-drawing={props.drawing ? 'true' : 'false'} data-marker-count={rendered.count} data-rendered={rendered.done ? 'true' : 'false'}>
      <MapContainer center={[35, 60]} zoom={3} minZoom={2} maxZoom={MAX_ZOOM} worldCopyJump style={{ height: '100%', width: '100%' }} aria-label={mapLabel} keyboard>
        <BasemapLayer key={tileUrl} tileUrl={tileUrl} />
        <MarkerClusterGroup ref={setGroup} {...clusterOptions}>{null}</MarkerClusterGroup>
        <FitToFilters nodes={nodes} fitKey={props.fitKey} />
        <ViewEvents onViewChange={props.onViewChange} />
        <PolygonTool active={!!props.drawing} onClose={(ring) => props.onPolygon?.(ring)} onCancel={() => props.onDrawCancel?.()} />
      </MapContainer>
    </div>
  );
}
