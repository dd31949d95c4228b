/**
 * The sandbox's log lines (the app's, pushed by the agent; the agent's own output; the site's
 * notes), bounded: past `capacity` the oldest go. Pages run oldest first; the cursor is the last id seen.
 */
import type { TPageOf, TSiteLogLine } from './site';

export const DEFAULT_LOG_CAPACITY = 5000;
const MAX_LINE_CHARS = 4000;

export class LogBuffer {
  private readonly lines: TSiteLogLine[] = [];
  private nextId = 1;

  constructor(private readonly capacity = DEFAULT_LOG_CAPACITY) {}

  add(source: TSiteLogLine['source'], stream: TSiteLogLine['stream'], line: string): void {
    this.lines.push({ id: this.nextId++, at: new Date().toISOString(), source, stream, line: line.slice(0, MAX_LINE_CHARS) });
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  clear(): void {
    this.lines.length = 0;
  }

  all(): readonly TSiteLogLine[] {
    return this.lines;
  }

  page(cursor: string | undefined, limit: number): TPageOf<TSiteLogLine> {
    const after = Number(cursor ?? 0) || 0;
    const start = this.lines.findIndex((l) => l.id > after);
    if (start < 0) return { items: [], nextCursor: null };
    const items = this.lines.slice(start, start + limit);
    const more = start + limit < this.lines.length;
    return { items, nextCursor: more ? String(items.at(-1)!.id) : null };
  }
}

/**
 * The lines of a pushed log tail that the previous push of the same instance did not carry: the
 * agent pushes the last lines of the log whenever it changed, so consecutive tails overlap.
 */
export function newTailLines(previous: readonly string[], tail: readonly string[]): string[] {
  for (let overlap = Math.min(previous.length, tail.length); overlap > 0; overlap -= 1) {
    let same = true;
    for (let i = 0; i < overlap && same; i += 1) same = previous[previous.length - overlap + i] === tail[i];
    if (same) return tail.slice(overlap);
  }
  return [...tail];
}
