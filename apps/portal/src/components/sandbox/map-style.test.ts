import { describe, expect, it } from 'vitest';
import { OUT_OF_RANGE, poaStyle, ueColor, zoneColor, zoneColors } from './map-style';

describe('map style', () => {
  it('gives neighbouring zones different colours and wraps the palette', () => {
    expect(zoneColor(0)).not.toBe(zoneColor(1));
    expect(zoneColor(10)).toBe(zoneColor(0));
    expect(zoneColor(-1)).toBe(zoneColor(9));
  });
  it('greys and dashes an access point that is down', () => {
    const colors = zoneColors(['a', 'b']);
    expect(poaStyle(true, colors.get('b')!)).toMatchObject({ color: zoneColor(1) });
    expect(poaStyle(true, 'x').dashArray).toBeUndefined();
    expect(poaStyle(false, colors.get('b')!)).toMatchObject({ color: OUT_OF_RANGE, dashArray: '4 4' });
  });
  it('colours a UE by the zone serving it, grey when out of range', () => {
    const colors = zoneColors(['a', 'b']);
    expect(ueColor('b', colors)).toBe(zoneColor(1));
    expect(ueColor(null, colors)).toBe(OUT_OF_RANGE);
    expect(ueColor('gone', colors)).toBe(OUT_OF_RANGE);
  });
});
