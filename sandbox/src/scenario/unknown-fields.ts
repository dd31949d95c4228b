/**
 * Fields a scenario file has that the model does not: zod objects drop unknown keys silently, so a
 * typo (`radiusm: 90`) would be lost without a word. The known keys come from the contract's own
 * schemas, plus the file's feature references (`geo`, `feature`) in place of coordinates.
 */
import {
  ZBilingualText, ZDomain, ZNetChar, ZPointOfAccess, ZScenario, ZScenarioEvent, ZScenarioMecNode, ZScenarioUe, ZScenarioUeGroup, ZZone,
} from '@mecport/contracts/sandbox';
import type { TFieldIssue } from './check-references';

interface TLevel { keys: ReadonlySet<string>; children?: Record<string, TLevel>; lists?: Record<string, TLevel> }

const keysOf = (shape: object, add: string[] = [], drop: string[] = []) => new Set([...Object.keys(shape), ...add].filter((k) => !drop.includes(k)));
const text: TLevel = { keys: keysOf(ZBilingualText.shape) };
const netChar: TLevel = { keys: keysOf(ZNetChar.shape) };

const FILE: TLevel = {
  keys: keysOf(ZScenario.shape, ['geo']),
  children: { name: text, description: text, view: { keys: keysOf(ZScenario.shape.view.shape) } },
  lists: {
    domains: {
      keys: keysOf(ZDomain.shape),
      lists: {
        zones: {
          keys: keysOf(ZZone.shape),
          children: { netChar },
          lists: { pointsOfAccess: { keys: keysOf(ZPointOfAccess.shape, ['feature'], ['location']), children: { netChar } } },
        },
      },
    },
    mecNodes: { keys: keysOf(ZScenarioMecNode.shape, ['feature'], ['location']) },
    ues: { keys: keysOf(ZScenarioUe.shape) },
    ueGroups: { keys: keysOf(ZScenarioUeGroup.shape) },
    events: { keys: keysOf(ZScenarioEvent.shape) },
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(value: unknown, level: TLevel, at: string, issues: TFieldIssue[]): void {
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const field = at ? `${at}.${key}` : key;
    if (!level.keys.has(key)) issues.push({ field, message: 'unknown field' });
    else if (level.children?.[key]) walk(child, level.children[key], field, issues);
    else if (level.lists?.[key] && Array.isArray(child)) child.forEach((item, i) => walk(item, level.lists![key]!, `${field}[${i}]`, issues));
  }
}

export function unknownFields(raw: unknown): TFieldIssue[] {
  const issues: TFieldIssue[] = [];
  walk(raw, FILE, '', issues);
  return issues;
}
