/** Test fixtures for the store's integration tests: fresh developers, apps, AppDs and versions. */
import { createHash, randomUUID } from 'node:crypto';
import type { TApp, TAppCreate, TArchitecture, TValidationReport } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { resolveActor, type TActor } from '../identity';
import { freshIdentity } from './identities';
import { createApp, publishVersion, registerVersion } from '../store';

export const PASSING_REPORT: TValidationReport = { checks: [{ id: 'manifest.digest', status: 'pass', message: 'All digests match' }, { id: 'manifest.legacy-key', status: 'warn', message: 'app_name used', file: 'app.mf', line: 2 }] };

export function randomDigest(): string {
  return createHash('sha256').update(randomUUID()).digest('hex');
}

export function sampleAppd(name: string, version = '1.0.0') {
  return {
    appDId: randomUUID(), appName: name, appProvider: 'Test Provider', appSoftVersion: version, appDVersion: version, appDescription: name, mecVersion: ['2.1.1'],
    virtualComputeDescriptor: 'Ref NFV', swImageDescriptor: 'Ref NFV',
    appServiceRequired: [{ serName: 'rnis', version: '2.1.1', serCategory: { href: '/rni', id: 'rni', name: 'RNI', version: '2.1.1' } }],
    appServiceOptional: [{ serName: 'location', version: '2.1.1' }],
    appServiceProduced: [{ serName: `${name}-api`, version: '1.0.0', serCategory: { name: 'Video' } }],
    appTrafficRule: [{ trafficRuleId: 'tr-1', filterType: 'FLOW', priority: 1, action: 'FORWARD_DECAPSULATED', trafficFilter: [{ dstAddress: ['10.0.0.0/24'], dstPort: ['8080'] }] }],
    appDNSRule: [{ dnsRuleId: 'dns-1', domainName: 'video.edge.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.10', ttl: 300 }],
    appLatency: { maxLatency: 10_000_000 },
  };
}

export function freshDeveloper(db: DbClient, tenant?: string): Promise<TActor> {
  return resolveActor(db, freshIdentity(tenant ? { tenant } : {}, ['developer']));
}

export async function newApp(db: DbClient, actor: TActor, overrides: Partial<TAppCreate> = {}): Promise<TApp> {
  const slug = `app-${randomUUID().slice(0, 8)}`;
  return createApp(db, actor, { slug, name: `App ${slug}`, provider: 'Test Provider', category: 'other', ...overrides });
}

export async function newVersion(db: DbClient, actor: TActor, appId: string, options: { version?: string; digest?: string; architecture?: TArchitecture; publish?: boolean } = {}) {
  const version = await registerVersion(db, actor, {
    appId, version: options.version ?? '1.0.0', digest: options.digest ?? randomDigest(), size: 1024, appd: sampleAppd('app', options.version),
    architecture: options.architecture ?? 'x86_64', report: PASSING_REPORT,
  });
  return options.publish ? publishVersion(db, actor, appId, version.id) : version;
}
