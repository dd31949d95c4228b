/**
 * Which of an app's versions can go into a sandbox: those whose package passed validation
 * (no failed check) and is not deprecated, newest first. Pure.
 *
 * @example deployableVersions(versions).map((v) => v.version)  // ['1.2.0', '1.1.0']
 */
import type { TAppVersion } from '@mecport/contracts';

export function deployableVersions(versions: readonly TAppVersion[]): TAppVersion[] {
  return versions
    .filter((v) => v.validation.fail === 0 && v.status !== 'deprecated')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
