/**
 * Zone Watcher (examples/zone-watcher), the repository's sample MEC app: confirms ready over Mp1,
 * registers a service, subscribes to Location zone events and shows them. Published by Acme
 * Mobile's developer like Hello Edge; the local demo node runs it (where it waits for a Location
 * service), and it is the app a sandbox demonstrates: marked experienceable, so any signed-in store
 * visitor can try it in a short-lived sandbox.
 */
import path from 'node:path';
import type { TDemoDeps } from './demo-context';
import type { TDemoImportResult } from './demo-result';
import { importProcessDemoApp } from './import-process-app';

export const ZONE_WATCHER_DIR = path.resolve(import.meta.dirname, '../../../../examples/zone-watcher/package');
export const ZONE_WATCHER = { tenant: 'acme-mobile', slug: 'zone-watcher', version: '1.0.0' } as const;

/** The published Zone Watcher version's id, or null when it could not be published (said in `result.problems`). */
export function importZoneWatcher(deps: TDemoDeps, result: TDemoImportResult): Promise<string | null> {
  return importProcessDemoApp(deps, result, {
    tenant: ZONE_WATCHER.tenant, version: ZONE_WATCHER.version, dir: ZONE_WATCHER_DIR, experienceable: true,
    listing: {
      slug: ZONE_WATCHER.slug, name: 'Zone Watcher', nameZh: '区域观察器', provider: 'MECport Demo', category: 'other', tags: ['demo', 'mp1', 'location', 'sandbox'],
      descriptionEn: 'The sample MEC app: confirms ready over Mp1, registers a `zone-events` service, finds the Location service (MEC 013), subscribes to users entering and leaving zones and shows every zone notification on its page. Try it in a sandbox with moving users.',
      descriptionZh: '示例 MEC 应用：通过 Mp1 确认就绪、注册 `zone-events` 服务，发现位置服务（MEC 013），订阅用户进出区域事件，并在页面上展示收到的每条区域通知。可在带移动用户的沙箱中体验。',
    },
  });
}
