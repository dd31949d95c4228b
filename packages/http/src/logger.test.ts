/** The buffered logger loses no line when the process ends, and shows lines without more traffic. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = path.join(import.meta.dirname, 'test-support', 'log-lines.ts');

function run(how: string, until: (out: string) => boolean = () => false): Promise<{ out: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, how], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (until(out)) child.kill('SIGKILL');
  });
  const giveUp = setTimeout(() => child.kill('SIGKILL'), 20_000); // never leave a fixture running
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(giveUp);
    resolve({ out, code });
  }));
}

const messages = (out: string) => out.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('createLogger', () => {
  it.each(['end', 'exit', 'throw'])('flushes every line when the process ends (%s)', async (how) => {
    const { out } = await run(how);
    expect(messages(out)).toEqual(['first', 'second']);
  });

  it('writes buffered lines within its flush interval while the process goes on', async () => {
    // Killed with SIGKILL (no exit handler runs) as soon as both lines arrived: only the periodic flush can have sent them.
    const { out, code } = await run('stay', (o) => o.includes('second'));
    expect(messages(out)).toEqual(['first', 'second']);
    expect(code).toBeNull();
  });
});
