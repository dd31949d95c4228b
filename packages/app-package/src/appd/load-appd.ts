/**
 * Finds, reads and projects the AppD of a package: the Entry-Definitions YAML (and its local
 * imports), or EdgeGallery's zipped AppD (`APPD/*.zip`, named itself or holding the named path).
 * Adds the `appd.*` checks and returns the validated MEC 010-2 AppD.
 */
import { posix } from 'node:path';
import type { TContext } from '../context';
import { PackageRefusedError } from '../errors';
import type { SafeZip } from '../zip/safe-zip';
import { ZAppD, type TAppD } from './schema';
import { parseYaml, projectAppD, type TJson } from './tosca';
import { mainTemplateOf, openZippedAppd, zippedAppdCandidates } from './zipped-appd';

export interface TAppdResult {
  appd?: TAppD;
  /** The projection before validation (also when it did not validate). */
  draft?: TJson;
  variant?: 'mec037' | 'edgegallery';
  architectures: string[];
}

const MAX_IMPORTS = 20;

type TTemplates = { main: unknown; imports: unknown[] };

async function readYaml(ctx: TContext, zip: SafeZip, path: string, shown: string): Promise<unknown> {
  const entry = zip.file(path);
  if (!entry) return undefined;
  if (entry.size > ctx.limits.maxAppdBytes) {
    ctx.checks.fail('appd.size', `${shown} is ${entry.size} bytes, over maxAppdBytes ${ctx.limits.maxAppdBytes}`, { file: shown });
    return undefined;
  }
  const parsed = parseYaml((await zip.read(entry, ctx.limits.maxAppdBytes)).toString('utf8'));
  for (const e of parsed.errors) ctx.checks.fail('appd.syntax', `${shown}: ${e.message}`, { file: shown, ...(e.line ? { line: e.line } : {}) });
  return parsed.value;
}

/** Loads the main template and its local imports (relative paths, depth-first, capped). */
async function loadTemplates(ctx: TContext, zip: SafeZip, prefix: string, entry: string, shownPrefix: string): Promise<TTemplates | undefined> {
  const main = await readYaml(ctx, zip, prefix + entry, shownPrefix + entry);
  if (main === undefined) return undefined;
  const imports: unknown[] = [];
  const seen = new Set([entry]);
  const queue: { doc: unknown; dir: string }[] = [{ doc: main, dir: posix.dirname(entry) }];
  while (queue.length > 0 && seen.size <= MAX_IMPORTS) {
    const { doc, dir } = queue.shift()!;
    const list = typeof doc === 'object' && doc !== null && Array.isArray((doc as TJson).imports) ? ((doc as TJson).imports as unknown[]) : [];
    for (const item of list) {
      const file = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as TJson).file : undefined;
      if (typeof file !== 'string' || file.includes('://')) continue;
      const path = posix.normalize(posix.join(dir, file));
      if (path.startsWith('..') || seen.has(path) || !zip.file(prefix + path)) continue;
      seen.add(path);
      const imported = await readYaml(ctx, zip, prefix + path, shownPrefix + path);
      if (imported !== undefined) { imports.push(imported); queue.push({ doc: imported, dir: posix.dirname(path) }); }
    }
  }
  return { main, imports };
}

/** Entry-Definitions names the zip: the main template is the one its own meta names. */
async function loadFromNamedZip(ctx: TContext, zip: SafeZip, prefix: string, zipPath: string, legacy: boolean): Promise<TTemplates | undefined> {
  ctx.checks.failOrWarn(legacy, 'appd.zipped', `the AppD is zipped in ${zipPath} (EdgeGallery); MEC 037 expects the YAML in the package`, { file: zipPath });
  const nested = await openZippedAppd(ctx, zip, prefix, zipPath);
  if (!nested) return undefined;
  try {
    const inner = await mainTemplateOf(ctx, nested);
    if (!inner) {
      ctx.checks.fail('meta.entry-definitions', `${zipPath} holds no main service template (no TOSCA_VNFD.meta Entry-Definitions)`, { file: zipPath });
      return undefined;
    }
    return await loadTemplates(ctx, nested, '', inner, `${zipPath}!/`);
  } finally {
    nested.close();
  }
}

/** Entry-Definitions names a path inside a zip beside it (`APPD/Definition/x.yaml` in `APPD/x.zip`). */
async function loadFromZipAround(ctx: TContext, zip: SafeZip, prefix: string, entryDefinitions: string, legacy: boolean): Promise<TTemplates | undefined> {
  const candidates = zippedAppdCandidates(zip, prefix, entryDefinitions);
  for (const { zipPath, inner } of candidates) {
    const nested = await openZippedAppd(ctx, zip, prefix, zipPath);
    if (!nested) return undefined;
    try {
      if (!nested.file(inner)) continue;
      ctx.checks.pass('meta.entry-definitions', `Entry-Definitions ${entryDefinitions} is ${inner} inside ${zipPath}`, { file: `${zipPath}!/${inner}` });
      ctx.checks.failOrWarn(legacy, 'appd.zipped', `the AppD is zipped in ${zipPath} (EdgeGallery); MEC 037 expects the YAML in the package`, { file: zipPath });
      return await loadTemplates(ctx, nested, '', inner, `${zipPath}!/`);
    } finally {
      nested.close();
    }
  }
  const searched = candidates.map((c) => `${c.inner} inside ${c.zipPath}`).join(', nor ');
  ctx.checks.fail('meta.entry-definitions', `Entry-Definitions names ${entryDefinitions}, which is not in the package${searched ? `, nor ${searched}` : ''}`, { file: entryDefinitions });
  return undefined;
}

/**
 * @param entryDefinitions path of the main template inside the package (after `prefix`), of a
 *   zipped AppD, or of a template inside a zipped AppD (see zipped-appd.ts)
 * @param legacy manifest-level EdgeGallery flag (warnings instead of failures)
 * @param manifestMeta normalized manifest metadata, for EdgeGallery defaults
 */
export async function loadAppd(ctx: TContext, zip: SafeZip, prefix: string, entryDefinitions: string, legacy: boolean, manifestMeta: Map<string, string>): Promise<TAppdResult> {
  let templates: TTemplates | undefined;
  try {
    if (!zip.file(prefix + entryDefinitions)) templates = await loadFromZipAround(ctx, zip, prefix, entryDefinitions, legacy);
    else if (/\.zip$/i.test(entryDefinitions)) templates = await loadFromNamedZip(ctx, zip, prefix, entryDefinitions, legacy);
    else templates = await loadTemplates(ctx, zip, prefix, entryDefinitions, '');
  } catch (error) {
    // An AppD entry that streams more than it declares (or is unreadable) is a refusal, reported, not thrown.
    if (!(error instanceof PackageRefusedError)) throw error;
    ctx.checks.fail(error.checkId, error.message, { file: error.entry ?? entryDefinitions });
    return { architectures: [] };
  }
  if (!templates) return { architectures: [] };

  const projection = projectAppD(templates.main, templates.imports);
  const at = { file: entryDefinitions };
  for (const note of projection.notes) {
    const status = note.status === 'fail' && legacy && note.id !== 'appd.node-type' ? 'warn' : note.status;
    ctx.checks.add(note.id, status, note.message, at);
  }
  const draft = projection.appd;
  const isLegacy = legacy || projection.variant === 'edgegallery';
  if (isLegacy) {
    // EdgeGallery AppDs predate MEC 037: fill the MEC 010-2 fields they lack, saying so.
    if (draft.mecVersion === undefined) {
      const fromManifest = manifestMeta.get('mec_versions');
      draft.mecVersion = fromManifest ? fromManifest.split(',').map((s) => s.trim()) : ['2.1.1'];
      ctx.checks.warn('appd.legacy-default', `mecVersion absent; set to ${JSON.stringify(draft.mecVersion)} (${fromManifest ? 'manifest mec_versions' : 'MEC 010-2 v2.1.1 default'})`, at);
    }
    if (draft.appDescription === undefined) {
      draft.appDescription = manifestMeta.get('app_description') ?? '';
      ctx.checks.warn('appd.legacy-default', `appDescription absent; set to ${JSON.stringify(draft.appDescription)}${manifestMeta.has('app_description') ? ' from the manifest' : ''}`, at);
    }
  }
  const parsed = ZAppD.safeParse(draft);
  if (parsed.success) {
    ctx.checks.pass('appd.schema', `AppD ${parsed.data.appDId} (${parsed.data.appName} ${parsed.data.appSoftVersion}) validates against the MEC 010-2 AppD schema`, at);
    return { appd: parsed.data, draft, variant: projection.variant, architectures: projection.architectures };
  }
  for (const issue of parsed.error.issues) ctx.checks.failOrWarn(isLegacy, 'appd.schema', `AppD ${issue.path.join('.') || '(root)'}: ${issue.message}`, at);
  return { draft, variant: projection.variant, architectures: projection.architectures };
}
