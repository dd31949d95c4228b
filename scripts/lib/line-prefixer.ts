/**
 * Puts a child's name before each line of its output, as `npm start` shows it. One write per
 * chunk, not per line: a busy server's request log arrives as chunks of many lines, and a write
 * per line cost the `npm start` process about as much CPU per request as a lean route (README,
 * Performance, "Request logging"). A line split across two chunks is held until its end comes,
 * so it keeps one prefix.
 *
 * @example
 *   const relay = linePrefixer('portal  | ', (text) => process.stdout.write(text));
 *   child.stdout.on('data', relay.push); child.stdout.on('end', relay.end);
 */
export interface TLinePrefixer {
  push(chunk: Buffer | string): void;
  /** Writes a last line that had no newline. */
  end(): void;
}

export function linePrefixer(prefix: string, write: (text: string) => void): TLinePrefixer {
  let partial = '';
  return {
    push(chunk) {
      const text = partial + chunk.toString();
      const lastNewline = text.lastIndexOf('\n');
      partial = text.slice(lastNewline + 1);
      if (lastNewline < 0) return;
      let out = '';
      for (const line of text.slice(0, lastNewline).split('\n')) if (line.trim()) out += `${prefix}${line}\n`;
      if (out) write(out);
    },
    end() {
      if (partial.trim()) write(`${prefix}${partial}\n`);
      partial = '';
    },
  };
}
