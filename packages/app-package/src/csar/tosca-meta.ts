/**
 * TOSCA.meta (TOSCA-Simple-Profile-YAML §16.2, SOL004 §4.1.2): blocks of `Key: value` lines
 * separated by blank lines; block 0 carries `Entry-Definitions` and the ETSI-Entry-* keys.
 * Lookups are case-insensitive (EdgeGallery writes `Created-by`).
 *
 * @example parseToscaMeta('TOSCA-Meta-File-Version: 1.0\nEntry-Definitions: Definitions/app.yaml\n').get('entry-definitions')?.value
 */
export interface TMetaValue { key: string; value: string; line: number }

export class ToscaMeta {
  constructor(readonly blocks: Map<string, TMetaValue>[], readonly errors: { line: number; message: string }[]) {}

  /** A key of block 0, case-insensitive. */
  get(key: string): TMetaValue | undefined {
    return this.blocks[0]?.get(key.toLowerCase());
  }
}

export function parseToscaMeta(text: string): ToscaMeta {
  const blocks: Map<string, TMetaValue>[] = [];
  const errors: { line: number; message: string }[] = [];
  let current: Map<string, TMetaValue> | undefined;
  let last: TMetaValue | undefined;
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') { current = undefined; last = undefined; return; }
    if (/^[ \t]/.test(raw) && last) { last.value = `${last.value} ${raw.trim()}`; return; }
    const match = /^([^:\s][^:]*):(?:[ \t]+(.*))?$/.exec(raw);
    if (!match) { errors.push({ line, message: `not a "Key: value" line: ${JSON.stringify(raw.slice(0, 80))}` }); return; }
    if (!current) { current = new Map(); blocks.push(current); }
    const key = match[1]!.trim();
    if (current.has(key.toLowerCase())) errors.push({ line, message: `key "${key}" repeats in its block` });
    last = { key, value: (match[2] ?? '').trim(), line };
    current.set(key.toLowerCase(), last);
  });
  return new ToscaMeta(blocks, errors);
}
