/**
 * Which remote resources (NEF subscriptions, EAS deployment entries, CAMARA intents) this node
 * created for which rule, in a small JSON file under the agent's data dir, so a restarted agent
 * updates and deletes what it made instead of creating duplicates. Written crash-safe: a
 * temporary file, fsync, rename over the old one, directory fsync (as the agent's own state).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';

export interface TStoredResource {
  /** Which API holds it, e.g. `subscriptions` or `eas-deployment-info` (the adapter's own names). */
  api: string;
  /** The server's id (the last path segment of the resource). */
  id: string;
  /** A digest of the body last sent, to tell "unchanged" from "update". */
  digest: string;
}

export interface TStoredRule {
  kind: 'traffic' | 'dns';
  rule: TTrafficRule | TDnsRule;
  /** Resources by the adapter's key (stable across applies of the same rule). */
  resources: Record<string, TStoredResource>;
}

export type TInstanceRecord = Record<string, TStoredRule>; // by `${kind}:${ruleId}`
type TStoreFile = { version: 1; instances: Record<string, TInstanceRecord> };

export class ResourceStore {
  private data: TStoreFile | undefined;
  /** Writes one after another (one temporary file name); changes per instance one after another. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly file: string) {}

  async instance(appInstanceId: string): Promise<TInstanceRecord> {
    const data = await this.load();
    return structuredClone(data.instances[appInstanceId] ?? {});
  }

  async save(appInstanceId: string, record: TInstanceRecord): Promise<void> {
    const data = await this.load();
    if (Object.keys(record).length === 0) delete data.instances[appInstanceId];
    else data.instances[appInstanceId] = structuredClone(record);
    const text = `${JSON.stringify(data, null, 1)}\n`;
    const write = this.writes.then(() => writeDurably(this.file, text));
    this.writes = write.catch(() => undefined);
    await write;
  }

  /** Runs `change` when no other change of the same instance is running (apply and remove may overlap). */
  exclusive<T>(appInstanceId: string, change: () => Promise<T>): Promise<T> {
    const run = (this.busy.get(appInstanceId) ?? Promise.resolve()).then(change, change);
    const settled = run.catch(() => undefined);
    this.busy.set(appInstanceId, settled);
    void settled.then(() => { if (this.busy.get(appInstanceId) === settled) this.busy.delete(appInstanceId); });
    return run;
  }

  private async load(): Promise<TStoreFile> {
    if (this.data) return this.data;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as TStoreFile;
      this.data = parsed.version === 1 && parsed.instances ? parsed : { version: 1, instances: {} };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${this.file}: ${(e as Error).message}`);
      this.data = { version: 1, instances: {} };
    }
    return this.data;
  }
}

async function writeDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
