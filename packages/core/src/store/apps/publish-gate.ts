/**
 * THE publish gate: every path that publishes a version asks this one function first, so the
 * certification issue can tighten the rule here and nowhere else.
 *
 * Today: a `validated` or `certified` version may be published.
 */
import { AppError, type TAppVersionStatus } from '@mecport/contracts';

export const PUBLISHABLE_STATUSES: readonly TAppVersionStatus[] = ['validated', 'certified'];

export function assertPublishable(version: { id: string; version: string; status: string }): void {
  if (!PUBLISHABLE_STATUSES.includes(version.status as TAppVersionStatus)) {
    throw new AppError('conflict', `Version ${version.version} is ${version.status}; only ${PUBLISHABLE_STATUSES.join(' or ')} versions can be published`, {
      extensions: { versionStatus: version.status },
    });
  }
}
