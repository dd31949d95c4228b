/** Runs `ip`/`tc` and friends, failing with the command and its stderr in the message. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function run(command: string, args: readonly string[], input?: string): Promise<string> {
  try {
    if (input === undefined) return (await exec(command, [...args])).stdout;
    return await runWithInput(command, args, input);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** For `ip -batch -` / `tc -batch -`: many commands in one process. */
function runWithInput(command: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, [...args], (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
    // A command that fails early closes its stdin; the exit code above says why, not this EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}
