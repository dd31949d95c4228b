import { describe, expect, it } from 'vitest';
import { closedRing, isClosable, nodesInPolygon, pointInPolygon } from './polygon-model';

const square = [{ lat: 0, lng: 0 }, { lat: 0, lng: 10 }, { lat: 10, lng: 10 }, { lat: 10, lng: 0 }];
// A "C": its mouth (lng 4-10, lat 3-7) is outside.
const cShape = [{ lat: 0, lng: 0 }, { lat: 0, lng: 10 }, { lat: 3, lng: 10 }, { lat: 3, lng: 4 }, { lat: 7, lng: 4 }, { lat: 7, lng: 10 }, { lat: 10, lng: 10 }, { lat: 10, lng: 0 }];

describe('polygon model', () => {
  it('finds points inside and outside a square', () => {
    expect(pointInPolygon({ lat: 5, lng: 5 }, square)).toBe(true);
    expect(pointInPolygon({ lat: 11, lng: 5 }, square)).toBe(false);
    expect(pointInPolygon({ lat: 5, lng: -0.1 }, square)).toBe(false);
  });

  it('leaves out the mouth of a concave shape', () => {
    expect(pointInPolygon({ lat: 5, lng: 7 }, cShape)).toBe(false);
    expect(pointInPolygon({ lat: 5, lng: 2 }, cShape)).toBe(true);
    expect(pointInPolygon({ lat: 8, lng: 7 }, cShape)).toBe(true);
  });

  it('needs three vertices for an area', () => {
    expect(isClosable(square.slice(0, 2))).toBe(false);
    expect(isClosable(square.slice(0, 3))).toBe(true);
    expect(pointInPolygon({ lat: 0, lng: 5 }, square.slice(0, 2))).toBe(false);
  });

  it('selects the nodes in the area, in their order', () => {
    const nodes = [{ id: 'a', lat: 1, lng: 1 }, { id: 'b', lat: 50, lng: 1 }, { id: 'c', lat: 9, lng: 9 }];
    expect(nodesInPolygon(nodes, square).map((n) => n.id)).toEqual(['a', 'c']);
  });

  it('drops the repeated points of a double click and a closing vertex', () => {
    const a = { lat: 0, lng: 0 };
    const b = { lat: 0, lng: 10 };
    const c = { lat: 10, lng: 10 };
    expect(closedRing([a, b, c, c, c])).toEqual([a, b, c]);
    expect(closedRing([a, b, c, a])).toEqual([a, b, c]);
    expect(isClosable(closedRing([a, a, a]))).toBe(false);
  });
});
