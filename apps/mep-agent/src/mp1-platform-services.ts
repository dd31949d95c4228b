/**
 * Services the platform itself offers to the node's apps (a MEC host's Location or RNIS, say),
 * listed by Mp1 `GET /mec_service_mgmt/v1/services` beside the apps' own, so that an app discovers
 * them over Mp1 as on a real MEC host. The MEC sandbox names its emulated services this way.
 *
 * They are held by one reserved app instance that no app can authenticate as (its secret is
 * random and never kept), so every Mp1 rule about services applies to them unchanged, and
 * subscribers are told when they come and go (ADDED / REMOVED).
 *
 * @example
 *   const services = await readPlatformServices('/etc/mecport/platform-services.json');
 *   ensurePlatformServices(registry, services, 'http://10.0.0.1:8581/oauth2/token');
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Mp1Registry } from '@mecport/mp1';
import { z } from 'zod';

/** The reserved app instance that holds the platform's services (never an app's: ids are random UUIDs). */
export const PLATFORM_INSTANCE_ID = '00000000-0000-4000-8000-00000000ec01';

export const ZPlatformService = z.object({
  serName: z.string().min(1).max(256),
  version: z.string().min(1).max(256),
  /** Where apps call it: the API root, e.g. http://10.0.0.1:8080/location/v2 */
  uri: z.url({ protocol: /^https?$/ }),
  category: z.object({ id: z.string().min(1), name: z.string().min(1), href: z.string().min(1), version: z.string().min(1) }).optional(),
});
export type TPlatformService = z.infer<typeof ZPlatformService>;
export const ZPlatformServices = z.array(ZPlatformService).max(64);

export async function readPlatformServices(path: string): Promise<TPlatformService[]> {
  const text = await readFile(path, 'utf8');
  try {
    return ZPlatformServices.parse(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path} is not a list of platform services ({serName, version, uri, category?}): ${(error as Error).message}`);
  }
}

const sameServices = (registry: Mp1Registry, wanted: TPlatformService[]) => {
  const held = registry.services.find({}, PLATFORM_INSTANCE_ID);
  return held.length === wanted.length && wanted.every((w, i) => held[i]?.serName === w.serName && held[i]?.version === w.version && JSON.stringify(held[i]?.transportInfo.endpoint) === JSON.stringify({ uris: [w.uri] }));
};

/** Makes the registry list exactly `services` as the platform's (none: the reserved instance goes). */
export function ensurePlatformServices(registry: Mp1Registry, services: TPlatformService[], tokenEndpoint: string): void {
  if (registry.hasAppInstance(PLATFORM_INSTANCE_ID)) {
    if (sameServices(registry, services)) return;
    registry.removeAppInstance(PLATFORM_INSTANCE_ID);
  }
  if (services.length === 0) return;
  registry.addAppInstance({ appInstanceId: PLATFORM_INSTANCE_ID, clientId: PLATFORM_INSTANCE_ID, clientSecret: randomBytes(32).toString('base64url') });
  for (const [index, service] of services.entries()) {
    registry.services.register(PLATFORM_INSTANCE_ID, {
      serName: service.serName,
      version: service.version,
      state: 'ACTIVE',
      serializer: 'JSON',
      scopeOfLocality: 'MEC_HOST',
      consumedLocalOnly: true,
      isLocal: true,
      ...(service.category ? { serCategory: service.category } : {}),
      transportInfo: {
        id: `platform-${index + 1}`,
        name: 'REST',
        description: `${service.serName} offered by the platform`,
        type: 'REST_HTTP',
        protocol: 'HTTP',
        version: '1.1',
        endpoint: { uris: [service.uri] },
        security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'], tokenEndpoint } },
      },
    });
  }
}
