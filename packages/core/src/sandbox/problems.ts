/** The sandbox API's problems beyond the house's common ones; `reason` carries the slug of SANDBOX_PROBLEMS. */
import { AppError } from '@mecport/contracts';
import { SANDBOX_PROBLEMS } from '@mecport/contracts/sandbox';

export function sandboxFailed(reason: string): AppError {
  return new AppError('conflict', `The sandbox failed: ${reason}`, { extensions: { reason: SANDBOX_PROBLEMS.failed, failureReason: reason } });
}

export function quotaExceeded(limit: number): AppError {
  return new AppError('conflict', `Your tenant already has ${limit} sandboxes, its limit (MECPORT_SANDBOX_QUOTA); delete one first`, {
    extensions: { reason: SANDBOX_PROBLEMS.quota, limit },
  });
}

export function notVirtual(): AppError {
  return new AppError('conflict', 'Only a sandbox on the virtual clock runs for N seconds; a real-clock sandbox is started and paused', {
    extensions: { reason: SANDBOX_PROBLEMS.notVirtual },
  });
}

export function notExperienceable(appId: string): AppError {
  return new AppError('conflict', `App ${appId} cannot be tried in a sandbox: its publisher has not made it experienceable`, {
    extensions: { reason: SANDBOX_PROBLEMS.notExperienceable },
  });
}
