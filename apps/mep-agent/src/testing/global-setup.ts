/** Builds the agent bundle once per test run; tests that start real agent processes run it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleAgent } from '../../scripts/bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    agentBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mep-agent-bundle-'));
  project.provide('agentBundle', await bundleAgent(join(dir, 'mecport-agent.mjs')));
  return () => rm(dir, { recursive: true, force: true });
}
