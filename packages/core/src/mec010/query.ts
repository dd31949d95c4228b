/**
 * MEC 009 / NFV SOL013 attribute-based filtering (§5.2) and attribute selectors (§5.3) over
 * AppPkgInfo. A filter is `(op,attr,value[,value]*)` expressions joined by `;` (all must hold);
 * nested attributes use `/`; a value holding `,`, `)` or `'` is quoted in single quotes with `''`
 * for a quote. Anything unsupported is a 400 that names the query parameter.
 *
 * @example
 * const keep = parseAppPkgFilter("(eq,appName,Edge Video Analytics);(in,userDefinedData/architecture,x86_64,aarch64)");
 * list.filter(keep);
 */
import { AppError, type TMec010AppPkgInfo, type TMec010AppPackagesQuery } from '@mecport/contracts';

export const FILTER_OPERATORS = ['eq', 'neq', 'in', 'nin', 'cont', 'ncont'] as const;
type TOperator = (typeof FILTER_OPERATORS)[number];

/** Attributes a filter may name (string-valued in AppPkgInfo). */
export const FILTER_ATTRIBUTES = [
  'id', 'appDId', 'appProvider', 'appName', 'appSoftwareVersion', 'appDVersion', 'onboardingState', 'operationalState', 'usageState',
  'checksum/algorithm', 'checksum/hash', 'userDefinedData/architecture', 'userDefinedData/storeAppId',
] as const;

/** Complex attributes a selector may leave out: the optional ones of the spec's AppPkgInfo. */
export const OPTIONAL_COMPLEX_ATTRIBUTES = ['userDefinedData', 'additionalArtifacts'] as const;
/** Complex attributes the spec's AppPkgInfo schema requires: always present. */
export const REQUIRED_COMPLEX_ATTRIBUTES = ['checksum', 'softwareImages', '_links'] as const;

function badQuery(field: string, message: string): AppError {
  return new AppError('validation', `query.${field}: ${message}`, { errors: [{ in: 'query', field, message }] });
}

/** Splits `(a,b,'c,d')` into its fields; `rest` is what follows the closing parenthesis. */
function readExpression(input: string, start: number): { fields: string[]; next: number } {
  if (input[start] !== '(') throw badQuery('filter', `expected '(' at position ${start + 1}; write expressions as (op,attribute,value)`);
  const fields: string[] = [];
  let i = start + 1;
  let current = '';
  while (i < input.length) {
    const c = input[i];
    if (c === "'" && current === '') {
      // Quoted value: '' is a literal quote.
      i += 1;
      let quoted = '';
      for (;;) {
        if (i >= input.length) throw badQuery('filter', 'a quoted value is not closed');
        if (input[i] === "'") {
          if (input[i + 1] === "'") { quoted += "'"; i += 2; continue; }
          i += 1;
          break;
        }
        quoted += input[i];
        i += 1;
      }
      current = quoted;
      if (input[i] !== ',' && input[i] !== ')') throw badQuery('filter', `expected ',' or ')' after a quoted value at position ${i + 1}`);
      continue;
    }
    if (c === ',') { fields.push(current); current = ''; i += 1; continue; }
    if (c === ')') { fields.push(current); return { fields, next: i + 1 }; }
    current += c;
    i += 1;
  }
  throw badQuery('filter', 'an expression is missing its closing parenthesis');
}

function valueAt(info: TMec010AppPkgInfo, attribute: string): string | undefined {
  let node: unknown = info;
  for (const part of attribute.split('/')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? node : typeof node === 'number' || typeof node === 'boolean' ? String(node) : undefined;
}

function test(op: TOperator, actual: string | undefined, values: string[]): boolean {
  switch (op) {
    case 'eq': case 'in': return actual !== undefined && values.includes(actual);
    case 'neq': case 'nin': return actual === undefined || !values.includes(actual);
    case 'cont': return actual !== undefined && values.some((v) => actual.includes(v));
    case 'ncont': return actual === undefined || !values.some((v) => actual.includes(v));
  }
}

/** A predicate for the filter; `undefined` or an empty filter keeps everything. */
export function parseAppPkgFilter(filter: string | undefined): (info: TMec010AppPkgInfo) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true;
  const input = filter.trim();
  const predicates: ((info: TMec010AppPkgInfo) => boolean)[] = [];
  let i = 0;
  for (;;) {
    const { fields, next } = readExpression(input, i);
    const [rawOp, attribute, ...values] = fields;
    const op = rawOp?.trim();
    if (!op || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
      throw badQuery('filter', `operator '${op ?? ''}' is not supported; use one of ${FILTER_OPERATORS.join(', ')}`);
    }
    if (!attribute || !(FILTER_ATTRIBUTES as readonly string[]).includes(attribute)) {
      throw badQuery('filter', `attribute '${attribute ?? ''}' cannot be filtered; use one of ${FILTER_ATTRIBUTES.join(', ')}`);
    }
    if (values.length === 0) throw badQuery('filter', `(${op},${attribute}) needs at least one value`);
    if ((op === 'eq' || op === 'neq') && values.length > 1) throw badQuery('filter', `${op} takes one value; use ${op === 'eq' ? 'in' : 'nin'} for a list`);
    predicates.push((info) => test(op as TOperator, valueAt(info, attribute), values));
    if (next >= input.length) break;
    if (input[next] !== ';') throw badQuery('filter', `expected ';' between expressions at position ${next + 1}`);
    i = next + 1;
  }
  return (info) => predicates.every((p) => p(info));
}

function attributeList(field: string, value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw badQuery(field, 'name at least one attribute');
  const known = [...OPTIONAL_COMPLEX_ATTRIBUTES, ...REQUIRED_COMPLEX_ATTRIBUTES] as readonly string[];
  for (const name of names) {
    if (!known.includes(name)) throw badQuery(field, `'${name}' is not a complex attribute of AppPkgInfo; use ${known.join(', ')}`);
  }
  return names;
}

/**
 * Which optional complex attributes the response keeps. Without selectors every attribute is
 * returned (all_fields): the spec's schema requires checksum and softwareImages, and its OpenAPI
 * names no default exclusions.
 */
export function selectedOptionalAttributes(query: Pick<TMec010AppPackagesQuery, 'all_fields' | 'fields' | 'exclude_fields' | 'exclude_default'>): Set<string> {
  const { all_fields: all, fields, exclude_fields: exclude, exclude_default: excludeDefault } = query;
  if (all !== undefined && (fields !== undefined || exclude !== undefined || excludeDefault !== undefined)) {
    throw badQuery('all_fields', 'all_fields cannot be combined with fields, exclude_fields or exclude_default');
  }
  if (fields !== undefined && exclude !== undefined) throw badQuery('exclude_fields', 'fields and exclude_fields cannot be combined');
  const kept = new Set<string>(OPTIONAL_COMPLEX_ATTRIBUTES);
  if (excludeDefault !== undefined || fields !== undefined) kept.clear();
  if (fields !== undefined) for (const name of attributeList('fields', fields)) kept.add(name);
  if (exclude !== undefined) {
    for (const name of attributeList('exclude_fields', exclude)) {
      if ((REQUIRED_COMPLEX_ATTRIBUTES as readonly string[]).includes(name)) throw badQuery('exclude_fields', `'${name}' is required by the MEC 010-2 AppPkgInfo schema and cannot be excluded`);
      kept.delete(name);
    }
  }
  return kept;
}

export function applySelection(info: TMec010AppPkgInfo, kept: Set<string>): TMec010AppPkgInfo {
  const out: TMec010AppPkgInfo = { ...info };
  for (const name of OPTIONAL_COMPLEX_ATTRIBUTES) if (!kept.has(name)) delete out[name];
  return out;
}
