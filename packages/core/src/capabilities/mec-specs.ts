/**
 * The official ETSI MEC OpenAPI documents the catalog renders, vendored beside this file in
 * `specs/` (BSD-3-Clause, `specs/LICENSE`). Each is parsed once per process and kept; the summary
 * (version, base path, operation and deprecation counts) is read from the document itself.
 *
 * @example
 *   const doc = mecSpecDocument('mec013-location'); // { openapi: '3.1.0', info: { version: '2.2.1' }, paths: ... }
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TCapabilitySpec, TMecSpecId } from '@mecport/contracts';
import { parse } from 'yaml';

const SPEC_FILES: Record<TMecSpecId, { file: string; standard: string }> = {
  'mec011-app-support': { file: 'MEC011_MecAppSupportApi.yaml', standard: 'ETSI GS MEC 011' },
  'mec011-service-mgmt': { file: 'MEC011_MecServiceMgmtApi.yaml', standard: 'ETSI GS MEC 011' },
  'mec012-rnis': { file: 'MEC012_RniAPI.yaml', standard: 'ETSI GS MEC 012' },
  'mec013-location': { file: 'MEC013_LocationAPI.yaml', standard: 'ETSI GS MEC 013' },
  'mec014-ue-identity': { file: 'MEC014_UEidentityAPI.yaml', standard: 'ETSI GS MEC 014' },
  'mec015-bwm': { file: 'MEC015_BwManagementApi.yaml', standard: 'ETSI GS MEC 015' },
  'mec015-mts': { file: 'MEC015_TrafficSteeringApi.yaml', standard: 'ETSI GS MEC 015' },
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
type TJson = Record<string, unknown>;
const obj = (v: unknown): TJson => (v && typeof v === 'object' && !Array.isArray(v) ? (v as TJson) : {});

const documents = new Map<TMecSpecId, TJson>();

/** The parsed document (shared: callers must not change it). */
export function mecSpecDocument(id: TMecSpecId): TJson {
  let doc = documents.get(id);
  if (!doc) {
    const text = readFileSync(fileURLToPath(new URL(`./specs/${SPEC_FILES[id].file}`, import.meta.url)), 'utf8');
    // MEC 011's file has a line of tabs inside a folded scalar, which strict YAML refuses; a
    // whitespace-only line means the same as an empty one there, so blank it and keep the file as published.
    doc = obj(parse(text.replace(/^[ \t]+$/gm, ''), { maxAliasCount: -1 }));
    documents.set(id, doc);
  }
  return doc;
}

/** The API root the spec's first server names (`https://localhost/location/v2` -> `/location/v2`). */
export function specBasePath(doc: TJson): string {
  const url = Array.isArray(doc.servers) ? obj(doc.servers[0]).url : undefined;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return url.replace(/\/$/, '');
  }
}

function countOperations(doc: TJson): { operationCount: number; deprecatedOperations: number } {
  let operationCount = 0;
  let deprecatedOperations = 0;
  for (const item of Object.values(obj(doc.paths))) {
    for (const method of HTTP_METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length === 0) continue;
      operationCount += 1;
      if (op.deprecated === true) deprecatedOperations += 1;
    }
  }
  return { operationCount, deprecatedOperations };
}

export function mecSpecSummary(id: TMecSpecId): TCapabilitySpec {
  const doc = mecSpecDocument(id);
  const info = obj(doc.info);
  return {
    id, title: String(info.title ?? id), version: String(info.version ?? ''), standard: SPEC_FILES[id].standard,
    basePath: specBasePath(doc), ...countOperations(doc),
  };
}
