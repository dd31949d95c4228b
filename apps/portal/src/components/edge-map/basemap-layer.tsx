'use client';
/**
 * The edge map's base layer, inside a react-leaflet MapContainer (browser only): the tile server
 * of MECPORT_MAP_TILE_URL once one probe tile loaded, else the built-in Natural Earth outlines
 * (land, country borders, province borders, China's from the 1:10m layer) as non-interactive Leaflet GeoJSON layers, with a
 * small notice that says why. See basemap-model.ts for the rules.
 */
import L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { TileLayer, useMap } from 'react-leaflet';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BASEMAP_URL, initialMode, probeUrl, PROBE_TIMEOUT_MS, type TBasemapMode, type TBasemapReason } from './basemap-model';

type TNaturalEarth = Topology<{ land: GeometryCollection; countries: GeometryCollection; subunits: GeometryCollection }>;
type TChinaProvinces = Topology<{ provinces: GeometryCollection }>;

const PANE = 'edge-basemap';
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

// One download per page life, whichever map (edge map, location picker) asks first.
let topology: Promise<TNaturalEarth> | undefined;
function loadTopology(): Promise<TNaturalEarth> {
  topology ??= fetch(BASEMAP_URL).then((r) => {
    if (!r.ok) throw new Error(`${BASEMAP_URL} answered ${r.status}`);
    return r.json() as Promise<TNaturalEarth>;
  });
  topology.catch(() => { topology = undefined; });
  return topology;
}

// Natural Earth 1:50m has no Chinese provinces; these come from its 1:10m layer (scripts/build-china-provinces.ts),
// as a chunk of their own that only a map drawing outlines downloads.
function loadChinaProvinces(): Promise<TChinaProvinces> {
  return import('./china-provinces.topo.json').then((m) => m.default as unknown as TChinaProvinces);
}

/** Land, country borders and province borders, drawn once the TopoJSON is in. */
function Outlines({ attribution }: { attribution: string }) {
  const map = useMap();
  useEffect(() => {
    if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = '250';
    map.getContainer().classList.add('edge-map-outlines');
    let layers: L.Layer[] = [];
    let live = true;
    void Promise.all([loadTopology(), loadChinaProvinces()]).then(([topo, china]) => {
      if (!live) return;
      const style = (className: string, options: L.PathOptions): L.GeoJSONOptions => ({ pane: PANE, interactive: false, style: { className, ...options } });
      const distinct = (a: unknown, b: unknown) => a !== b;
      layers = [
        L.geoJSON(feature(topo, topo.objects.land), { ...style('edge-basemap-land', { color: '#868e96', weight: 0.8, fillColor: '#ffffff', fillOpacity: 1 }), attribution }),
        L.geoJSON(mesh(topo, topo.objects.subunits, distinct), style('edge-basemap-province', { color: '#adb5bd', weight: 0.6, dashArray: '3 3', fill: false })),
        L.geoJSON(mesh(china, china.objects.provinces, distinct), style('edge-basemap-province edge-basemap-province-cn', { color: '#adb5bd', weight: 0.6, dashArray: '3 3', fill: false })),
        L.geoJSON(mesh(topo, topo.objects.countries, distinct), style('edge-basemap-country', { color: '#868e96', weight: 1, fill: false })),
      ];
      for (const layer of layers) layer.addTo(map);
    }).catch(() => undefined); // no outlines then: the markers still show, and the notice says tiles are missing
    return () => {
      live = false;
      for (const layer of layers) layer.remove();
      map.getContainer().classList.remove('edge-map-outlines');
    };
  }, [map, attribution]);
  return null;
}

/** One z0 tile, loaded as an image: resolves whether the tile server answers with a picture. */
function probeTiles(template: string): { done: Promise<boolean>; cancel: () => void } {
  const img = new Image();
  let timer: number | undefined;
  const done = new Promise<boolean>((resolve) => {
    img.onload = () => resolve(true);
    img.onerror = () => resolve(false);
    timer = window.setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    img.src = probeUrl(template);
  });
  void done.then(() => window.clearTimeout(timer));
  return { done, cancel: () => { window.clearTimeout(timer); img.onload = null; img.onerror = null; img.src = ''; } };
}

function BasemapNotice({ reason }: { reason: TBasemapReason }) {
  const t = useTranslations('uiHardening.basemap');
  const ref = useRef<HTMLDivElement>(null);
  // a click or scroll on the notice is not a pan or zoom of the map
  useEffect(() => {
    if (!ref.current) return;
    L.DomEvent.disableClickPropagation(ref.current);
    L.DomEvent.disableScrollPropagation(ref.current);
  }, []);
  return (
    <div ref={ref} className="edge-map-notice" role="status" data-testid="map-basemap-notice" data-reason={reason}>
      {reason === 'none' ? t('outlinesOnly') : t('tilesFailed')}
    </div>
  );
}

/** Render with `key={tileUrl}`: the probe and the mode belong to one tile URL. */
export function BasemapLayer({ tileUrl }: { tileUrl: string }) {
  const t = useTranslations('uiHardening.basemap');
  const [mode, setMode] = useState<TBasemapMode>(() => initialMode(tileUrl));
  const loadedTiles = useRef(0);

  useEffect(() => {
    if (initialMode(tileUrl) !== 'probing') return;
    const probe = probeTiles(tileUrl);
    void probe.done.then((ok) => setMode((m) => (m === 'probing' ? (ok ? 'tiles' : 'outlines') : m)));
    return probe.cancel;
  }, [tileUrl]);

  const reason: TBasemapReason = initialMode(tileUrl) === 'outlines' ? 'none' : 'tiles-failed';
  return (
    <>
      {mode === 'tiles' && (
        <TileLayer url={tileUrl} attribution={OSM_ATTRIBUTION} eventHandlers={{
          tileload: () => { loadedTiles.current += 1; },
          // the server died after the probe: no tile has come since, so nothing of it is lost
          tileerror: () => { if (loadedTiles.current === 0) setMode('outlines'); },
        }} />
      )}
      {mode === 'outlines' && <Outlines attribution={t('attribution')} />}
      {mode === 'outlines' && <BasemapNotice reason={reason} />}
    </>
  );
}
