/**
 * Reads a scenario from disk: the YAML file, then the GeoJSON file it names beside it, resolved and
 * validated by `resolve-scenario.ts`. Syntax errors name the file and the line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { TScenario } from '@mecport/contracts/sandbox';
import { resolveScenario } from './resolve-scenario';
import { ScenarioError } from './scenario-error';

async function readText(file: string, name: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file: name, field: '', message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error) }]);
  }
}

function parseYaml(text: string, name: string): unknown {
  const document = YAML.parseDocument(text, { prettyErrors: true });
  const error = document.errors[0];
  if (error) throw new ScenarioError([{ file: name, field: '', message: `line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0]}` }]);
  return document.toJS();
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError([{ file: name, field: '', message: (error as Error).message }]);
  }
}

/** @example await loadScenarioFile('sandbox/scenarios/campus.yaml') */
export async function loadScenarioFile(yamlPath: string): Promise<TScenario> {
  const name = path.basename(yamlPath);
  const raw = parseYaml(await readText(yamlPath, name), name);
  const geo = (raw as { geo?: unknown } | null)?.geo;
  const geoName = typeof geo === 'string' ? path.basename(geo) : '';
  const rawGeo = geoName ? parseJson(await readText(path.join(path.dirname(yamlPath), geoName), geoName), geoName) : undefined;
  return resolveScenario(raw, rawGeo, { file: name, geoName });
}
