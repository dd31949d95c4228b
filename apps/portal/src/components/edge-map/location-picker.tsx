'use client';
/**
 * A small map to set a node's coordinates by clicking (browser only: loaded with ssr:false by
 * location-picker-loader). The marker shows the coordinates typed in the form; a click moves it.
 */
import 'leaflet/dist/leaflet.css';
import './node-map.css';
import L from 'leaflet';
import { useEffect } from 'react';
import { MapContainer, Marker, useMap, useMapEvents } from 'react-leaflet';
import { BasemapLayer } from './basemap-layer';
import { MAX_ZOOM } from './basemap-model';
import { markerHtml } from './node-status-style';

export interface TLocationPickerProps { tileUrl: string; position: [number, number] | null; label: string; onPick: (lat: number, lng: number) => void }

const PICK_ICON = L.divIcon({ className: 'edge-pick-marker', html: markerHtml('pending', true), iconSize: [16, 16] });
const round = (v: number) => Math.round(v * 1e5) / 1e5;

function Clicks({ onPick }: { onPick: TLocationPickerProps['onPick'] }) {
  useMapEvents({ click: (e) => onPick(round(e.latlng.lat), round(L.Util.wrapNum(e.latlng.lng, [-180, 180], true))) });
  return null;
}

function Follow({ position }: { position: [number, number] | null }) {
  const map = useMap();
  useEffect(() => { if (position && !map.getBounds().contains(position)) map.setView(position, Math.max(map.getZoom(), 8)); }, [map, position]);
  return null;
}

export default function LocationPicker({ tileUrl, position, label, onPick }: TLocationPickerProps) {
  return (
    <div className="edge-map-frame" style={{ height: 260, minHeight: 260 }} data-testid="location-picker">
      <MapContainer center={position ?? [35, 60]} zoom={position ? 8 : 2} minZoom={2} maxZoom={MAX_ZOOM} style={{ height: '100%', width: '100%', cursor: 'crosshair' }} aria-label={label}>
        <BasemapLayer key={tileUrl} tileUrl={tileUrl} />
        {position && <Marker position={position} icon={PICK_ICON} keyboard={false} />}
        <Clicks onPick={onPick} />
        <Follow position={position} />
      </MapContainer>
    </div>
  );
}
