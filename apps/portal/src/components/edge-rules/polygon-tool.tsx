'use client';
/**
 * The map's polygon tool (inside the Leaflet map): while active, a click adds a corner (Space adds
 * one at the map's centre, for keyboard users, who move the map with the arrow keys), Backspace
 * removes the last, Enter or a double click closes the area and hands its ring to `onClose`,
 * Escape cancels. Leaflet draw plugins were not used: the tool needs only this, and no plugin
 * had to be wired into the map's cluster setup.
 */
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { Polygon, Polyline, useMap, useMapEvents } from 'react-leaflet';
import { closedRing, isClosable, type TLatLng } from './polygon-model';

export interface TPolygonToolProps { active: boolean; onClose: (ring: TLatLng[]) => void; onCancel: () => void }

export function PolygonTool({ active, onClose, onCancel }: TPolygonToolProps) {
  const map = useMap();
  const [vertices, setVertices] = useState<TLatLng[]>([]);
  const latest = useRef({ vertices, onClose, onCancel });
  useEffect(() => { latest.current = { vertices, onClose, onCancel }; });

  const close = () => {
    const ring = closedRing(latest.current.vertices);
    if (!isClosable(ring)) return;
    setVertices([]);
    latest.current.onClose(ring);
  };

  useMapEvents({
    click: (e) => { if (active) setVertices((v) => [...v, { lat: e.latlng.lat, lng: e.latlng.lng }]); },
    dblclick: (e) => { if (active) { L.DomEvent.stop(e); close(); } },
  });

  useEffect(() => {
    if (!active) { setVertices([]); return; }
    map.doubleClickZoom.disable();
    const container = map.getContainer();
    container.classList.add('edge-map-drawing');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.preventDefault(); setVertices([]); latest.current.onCancel(); }
      else if (e.key === 'Enter') { e.preventDefault(); close(); }
      else if (e.key === 'Backspace') { e.preventDefault(); setVertices((v) => v.slice(0, -1)); }
      else if (e.key === ' ' && container.contains(document.activeElement)) { e.preventDefault(); const c = map.getCenter(); setVertices((v) => [...v, { lat: c.lat, lng: c.lng }]); }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      container.classList.remove('edge-map-drawing');
      map.doubleClickZoom.enable();
    };
  }, [active, map]); // close() reads the latest vertices and callbacks through the ref

  if (!active || vertices.length === 0) return null;
  const positions = vertices.map((v) => [v.lat, v.lng] as [number, number]);
  return isClosable(vertices)
    ? <Polygon positions={positions} pathOptions={{ color: '#1c7ed6', weight: 2, dashArray: '6 4', fillOpacity: 0.1 }} interactive={false} />
    : <Polyline positions={positions} pathOptions={{ color: '#1c7ed6', weight: 2, dashArray: '6 4' }} interactive={false} />;
}
