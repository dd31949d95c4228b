/**
 * What the supervisor says about an app process, as English text and as a stable code with
 * parameters (contracts' INSTANCE_MESSAGE_CODES), so the portal can show it in the reader's
 * language. The text stays for logs, `mecport-agent status` and portals that know no code.
 *
 * @example restarting(exitedWith(1), 2) // { code: 'exited', params: { exitCode: 1, restartInSec: 2 }, text: 'exited with code 1; restarting in 2 s' }
 */
import type { TInstanceMessageCode, TMessageParams } from '@mecport/contracts';

export interface TStatusMessage {
  code: TInstanceMessageCode;
  params: TMessageParams;
  text: string;
}

const message = (code: TInstanceMessageCode, params: TMessageParams, text: string): TStatusMessage => ({ code, params, text });

export const exitedWith = (exitCode: number | null): TStatusMessage => message('exited', { exitCode: exitCode ?? -1 }, `exited with code ${exitCode}`);
export const killedBy = (signal: string): TStatusMessage => message('killed', { signal }, `killed by ${signal}`);
export const healthFailed = (failures: number): TStatusMessage => message('health_failed', { failures }, `health check failed ${failures} times`);
export const cannotStart = (error: string): TStatusMessage => message('start_failed', { error: error.slice(0, 500) }, `cannot start: ${error}`);
export const exitedWhileAdopted = (): TStatusMessage => message('exited_unknown', {}, 'exited while adopted (exit code unknown)');
export const stopping = (graceSec: number): TStatusMessage => message('stopping', { graceSec }, `stopping (grace ${graceSec} s)`);
export const adopted = (): TStatusMessage => message('adopted', {}, 'adopted after an agent restart');
export const prepareFailed = (error: string): TStatusMessage => message('prepare_failed', { error: error.slice(0, 500) }, error);

/** A cause followed by the scheduled restart. */
export function restarting(cause: TStatusMessage, delayMs: number): TStatusMessage {
  const restartInSec = Math.round(delayMs / 100) / 10;
  return message(cause.code, { ...cause.params, restartInSec }, `${cause.text}; restarting in ${restartInSec} s`);
}
