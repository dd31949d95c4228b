import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from './atomic-file';
import { StateStore } from './state-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeJsonAtomic', () => {
  it('leaves a complete old or new file when the writer is SIGKILLed at any moment', async () => {
    const path = join(dir, 'doc.json');
    const seen = new Set<number>();
    for (let round = 0; round < 8; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../testing/atomic-writer.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 15));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const doc = JSON.parse(await readFile(path, 'utf8')) as { seq: number; pad: string };
      expect(doc.pad).toBe(String(doc.seq % 10).repeat(256 * 1024));
      seen.add(doc.seq);
    }
    expect(seen.size).toBeGreaterThan(1); // the writer really was interrupted at different points
    const leftovers = (await readdir(dir)).filter((name) => name !== 'doc.json');
    expect(leftovers.every((name) => name.endsWith('.tmp'))).toBe(true); // only unrenamed temporaries, never the target torn
  });

  it('reads back what it wrote, undefined for a missing file, and refuses a file that does not match the schema', async () => {
    const path = join(dir, 'x.json');
    expect(await readJson(path, z.object({ a: z.number() }))).toBeUndefined();
    await writeJsonAtomic(path, { a: 1 });
    expect(await readJson(path, z.object({ a: z.number() }))).toEqual({ a: 1 });
    await writeFile(path, '{"a": "one"}');
    await expect(readJson(path, z.object({ a: z.number() }))).rejects.toThrow();
  });
});

describe('StateStore', () => {
  it('keeps the private key and credentials readable by the owner only', async () => {
    const state = new StateStore(dir);
    const credentials = {
      portalUrl: 'http://portal.test', nodeId: '6a1f3c1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', nodeName: 'n1', credentialId: '7b2f3c1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
      audience: 'mecport-edge' as const, heartbeatIntervalSec: 10, publicKey: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'A'.repeat(43) }, enrolledAt: new Date().toISOString(),
    };
    await state.writeEnrolment(credentials, '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n');
    expect((await stat(state.paths.privateKey)).mode & 0o777).toBe(0o600);
    expect((await stat(state.paths.credentials)).mode & 0o777).toBe(0o600);
    expect(await state.readCredentials()).toEqual(credentials);
  });

  it('keeps the journal only between writeJournal and clearJournal', async () => {
    const state = new StateStore(dir);
    const doc = { nodeId: '6a1f3c1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', revision: 3, heartbeatIntervalSec: 10, appInstances: [], callbackAllowCidrs: [], dataPlane: { adapter: 'memory' as const, settings: {} }, ruleSetVersion: 0, runtime: { container: 'none' as const, registries: [] } };
    await state.writeJournal({ target: doc, previous: null, startedAt: new Date().toISOString() });
    expect((await state.readJournal())?.target.revision).toBe(3);
    await state.writeApplied(doc);
    await state.clearJournal();
    expect(await state.readJournal()).toBeUndefined();
    expect((await state.readApplied())?.revision).toBe(3);
  });
});
