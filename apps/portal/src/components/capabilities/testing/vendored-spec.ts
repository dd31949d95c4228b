/** Tests read the official MEC OpenAPI files where core vendors them (the portal gets them over the API at run time). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SPECS = new URL('../../../../../../packages/core/src/capabilities/specs/', import.meta.url);

export function readVendoredSpec(file: string): unknown {
  // As core's loader does: blank whitespace-only lines (MEC 011 has a line of tabs in a folded scalar).
  return parse(readFileSync(fileURLToPath(new URL(file, SPECS)), 'utf8').replace(/^[ \t]+$/gm, ''), { maxAliasCount: -1 });
}
