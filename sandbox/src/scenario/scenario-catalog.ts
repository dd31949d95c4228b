/**
 * The shipped scenarios (`sandbox/scenarios/<id>.yaml`): list them with their summaries, load one
 * by id. Loaded scenarios are cached per directory (the files ship with the code); `listScenarios`
 * loads and validates every file, so a broken file fails loudly rather than vanishing from the list.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@mecport/contracts/errors';
import type { TScenario, TScenarioSummary } from '@mecport/contracts/sandbox';
import { loadScenarioFile } from './load-scenario';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const cache = new Map<string, Promise<TScenario>>();

async function scenarioIds(dir: string): Promise<string[]> {
  const files = await readdir(dir);
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** @throws AppError not-found for an id that names no scenario; ScenarioError for a file that does not load */
export async function loadScenario(id: string, dir = SCENARIOS_DIR): Promise<TScenario> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id) || !(await scenarioIds(dir)).includes(id)) throw new AppError('not-found', `No scenario "${id}"`);
  const key = path.join(dir, `${id}.yaml`);
  let loading = cache.get(key);
  if (!loading) {
    loading = loadScenarioFile(key);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

export function summarize(scenario: TScenario): TScenarioSummary {
  const zones = scenario.domains.flatMap((d) => d.zones);
  return {
    id: scenario.id,
    name: scenario.name,
    description: scenario.description,
    durationSec: scenario.durationSec,
    ueCount: scenario.ues.length + scenario.ueGroups.reduce((n, g) => n + g.count, 0),
    zoneCount: zones.length,
    poaCount: zones.reduce((n, z) => n + z.pointsOfAccess.length, 0),
    mecNodeCount: scenario.mecNodes.length,
    eventCount: scenario.events.length,
  };
}

export async function listScenarios(dir = SCENARIOS_DIR): Promise<TScenarioSummary[]> {
  const ids = await scenarioIds(dir);
  return Promise.all(ids.map(async (id) => summarize(await loadScenario(id, dir))));
}
