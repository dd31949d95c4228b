import { describe, expect, it } from 'vitest';
import { initialMode, noTileServer, probeUrl } from './basemap-model';

describe('basemap model', () => {
  it('draws the built-in outlines at once when no tile server is configured', () => {
    expect(initialMode('none')).toBe('outlines');
    expect(initialMode(' NONE ')).toBe('outlines');
    expect(noTileServer('')).toBe(true);
  });

  it('probes a configured tile server before adding its layer', () => {
    expect(initialMode('https://tiles.example.test/{z}/{x}/{y}.png')).toBe('probing');
    expect(initialMode('/edge-map/tiles/{z}/{x}/{y}.png')).toBe('probing');
  });

  it('asks for the z0 tile, with the placeholders Leaflet knows filled in', () => {
    expect(probeUrl('https://{s}.tiles.example.test/{z}/{x}/{y}{r}.png')).toBe('https://a.tiles.example.test/0/0/0.png');
    expect(probeUrl('http://127.0.0.1:8080/tms/{z}/{x}/{-y}.png')).toBe('http://127.0.0.1:8080/tms/0/0/0.png');
  });
});
