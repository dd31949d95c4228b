'use client';
/**
 * The sandbox's emulated site on a Leaflet map (browser only: sandbox-map-loader loads it with
 * ssr:false), on the portal's basemap (edge-map's BasemapLayer): each access point's coverage
 * circle in its zone's colour (grey and dashed when down), the scenario's MEC nodes, and the UEs
 * as dots that move with every snapshot.
 *
 * UEs are plain Leaflet markers kept in a map by id and moved with setLatLng (a scenario may
 * hold a thousand; one React element each would re-render them all every second). Each marker's
 * element carries `data-ue-id`, and the frame `data-world-seq`/`data-world-time`, for the tests.
 * With `pickingUe`, a click on the map hands its coordinates to `onPick` (move a UE there).
 */
import 'leaflet/dist/leaflet.css';
import '@/components/edge-map/node-map.css';
import './sandbox-map.css';
import type { TLngLat, TScenario, TWorldSnapshot } from '@mecport/contracts/sandbox';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { Circle, MapContainer, Marker, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { BasemapLayer } from '@/components/edge-map/basemap-layer';
import { MAX_ZOOM } from '@/components/edge-map/basemap-model';
import { poaStyle, ueColor, zoneColors } from './map-style';

export interface TSandboxMapProps {
  world: TWorldSnapshot;
  scenario: TScenario | null;
  tileUrl: string;
  mapLabel: string;
  poaLabel: (poa: TWorldSnapshot['poas'][number]) => string;
  nodeLabel: (name: string) => string;
  selectedUeId: string | null;
  pickingUe: string | null;
  onPick: (at: TLngLat) => void;
  onSelectUe: (ueId: string) => void;
}

const UE_SIZE = 12;
const NODE_ICON = L.divIcon({ className: 'sandbox-node', html: '<span aria-hidden="true">MEC</span>', iconSize: [30, 18] });
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const latLng = ([lon, lat]: TLngLat): [number, number] => [lat, lon];

function ueIcon(id: string, color: string, selected: boolean): L.DivIcon {
  return L.divIcon({
    className: `sandbox-ue${selected ? ' sandbox-ue-selected' : ''}`,
    html: `<span data-ue-id="${escapeHtml(id)}" style="background:${color}"></span>`,
    iconSize: [UE_SIZE, UE_SIZE],
  });
}

/** The UE dots, added, moved and removed imperatively as snapshots arrive. */
function UeLayer({ world, selectedUeId, onSelectUe }: Pick<TSandboxMapProps, 'world' | 'selectedUeId' | 'onSelectUe'>) {
  const map = useMap();
  const markers = useRef(new Map<string, { marker: L.Marker; key: string }>());
  const onSelect = useRef(onSelectUe);
  useEffect(() => { onSelect.current = onSelectUe; });
  const colors = useMemo(() => zoneColors(world.zones.map((z) => z.id)), [world.zones]);

  useEffect(() => {
    const seen = new Set<string>();
    for (const ue of world.ues) {
      seen.add(ue.id);
      const color = ueColor(ue.zoneId, colors);
      const key = `${color}:${ue.id === selectedUeId}`;
      const entry = markers.current.get(ue.id);
      if (!entry) {
        const marker = L.marker(latLng(ue.location), { icon: ueIcon(ue.id, color, ue.id === selectedUeId), title: ue.id, keyboard: false });
        marker.on('click', () => onSelect.current(ue.id));
        marker.addTo(map);
        markers.current.set(ue.id, { marker, key });
        continue;
      }
      entry.marker.setLatLng(latLng(ue.location));
      if (entry.key !== key) { entry.marker.setIcon(ueIcon(ue.id, color, ue.id === selectedUeId)); entry.key = key; }
    }
    for (const [id, entry] of markers.current) {
      if (!seen.has(id)) { entry.marker.remove(); markers.current.delete(id); }
    }
  }, [map, world.ues, colors, selectedUeId]);

  useEffect(() => {
    const all = markers.current;
    return () => { for (const { marker } of all.values()) marker.remove(); all.clear(); };
  }, [map]);
  return null;
}

function Picker({ active, onPick }: { active: boolean; onPick: (at: TLngLat) => void }) {
  const map = useMapEvents({
    click: (e) => { if (active) onPick([Math.round(L.Util.wrapNum(e.latlng.lng, [-180, 180], true) * 1e6) / 1e6, Math.round(e.latlng.lat * 1e6) / 1e6]); },
  });
  useEffect(() => {
    map.getContainer().parentElement?.classList.toggle('sandbox-map-picking', active);
  }, [map, active]);
  return null;
}

function initialView(world: TWorldSnapshot, scenario: TScenario | null): { center: [number, number]; zoom: number } {
  if (scenario) return { center: latLng(scenario.view.center), zoom: scenario.view.zoom };
  const first = world.poas[0]?.location ?? world.ues[0]?.location ?? [0, 0];
  return { center: latLng(first), zoom: 15 };
}

/** The scenario's own view, once it arrives (the map may have opened on the first POA before). */
function ScenarioView({ scenario }: { scenario: TScenario | null }) {
  const map = useMap();
  const applied = useRef(false);
  useEffect(() => {
    if (!scenario || applied.current) return;
    applied.current = true;
    map.setView(latLng(scenario.view.center), scenario.view.zoom);
  }, [map, scenario]);
  return null;
}

export default function SandboxMap(props: TSandboxMapProps) {
  const { world, scenario, tileUrl, mapLabel, poaLabel, nodeLabel, pickingUe } = props;
  const colors = useMemo(() => zoneColors(world.zones.map((z) => z.id)), [world.zones]);
  // MapContainer reads its center and zoom once; ScenarioView moves to the scenario's view when it comes later.
  const view = initialView(world, scenario);
  return (
    <div className="edge-map-frame" data-testid="sandbox-map" data-world-seq={world.seq} data-world-time={world.timeSec} data-ue-count={world.ues.length}>
      <MapContainer center={view.center} zoom={view.zoom} minZoom={3} maxZoom={MAX_ZOOM} style={{ height: '100%', width: '100%' }} aria-label={mapLabel} keyboard>
        <BasemapLayer key={tileUrl} tileUrl={tileUrl} />
        {world.poas.map((poa) => (
          <Circle key={poa.id} center={latLng(poa.location)} radius={poa.radiusM} pathOptions={poaStyle(poa.up, colors.get(poa.zoneId) ?? '#1c7ed6')}>
            <Tooltip>{poaLabel(poa)}</Tooltip>
          </Circle>
        ))}
        {(scenario?.mecNodes ?? []).map((node) => (
          <Marker key={node.id} position={latLng(node.location)} icon={NODE_ICON} title={nodeLabel(node.name)} alt={nodeLabel(node.name)} keyboard={false} />
        ))}
        <ScenarioView scenario={scenario} />
        <UeLayer world={world} selectedUeId={props.selectedUeId} onSelectUe={props.onSelectUe} />
        <Picker active={!!pickingUe} onPick={props.onPick} />
      </MapContainer>
    </div>
  );
}
