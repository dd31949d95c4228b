/** The registry as the host drives it: app instances, rule state, readiness, termination outcomes, snapshot/restore. */
import { describe, expect, it } from 'vitest';
import { generateAppCredentials } from '../auth/client-credentials';
import { dnsRule, trafficRule } from '../testing/harness';
import { Mp1Registry } from './registry';

const transportInfo = { id: 't', name: 'REST', type: 'REST_HTTP' as const, protocol: 'HTTP', version: '1.1', endpoint: { uris: ['http://10.0.0.2/svc'] }, security: {} };

function populated() {
  const registry = new Mp1Registry();
  const creds = generateAppCredentials('app-a');
  registry.addAppInstance({ appInstanceId: 'app-a', clientSecretHash: creds.clientSecretHash, trafficRules: [trafficRule('tr-1')], dnsRules: [dnsRule('dns-1')] });
  registry.addAppInstance({ appInstanceId: 'app-b', clientId: 'b-client', clientSecret: generateAppCredentials('app-b').clientSecret });
  return { registry, creds };
}

describe('Mp1Registry', () => {
  it('refuses a second instance with the same id or client id, a missing secret, and duplicate rule ids', () => {
    const { registry, creds } = populated();
    expect(() => registry.addAppInstance({ appInstanceId: 'app-a', clientSecretHash: creds.clientSecretHash })).toThrow(/already known/);
    expect(() => registry.addAppInstance({ appInstanceId: 'app-c', clientId: 'b-client', clientSecretHash: creds.clientSecretHash })).toThrow(/already taken/);
    expect(() => registry.addAppInstance({ appInstanceId: 'app-c' })).toThrow(/exactly one of clientSecret or clientSecretHash/);
    expect(() => registry.addAppInstance({ appInstanceId: 'app-c', clientSecret: 'short' })).toThrow();
    expect(() => registry.addAppInstance({ appInstanceId: 'app-c', clientSecretHash: creds.clientSecretHash, dnsRules: [dnsRule('d'), dnsRule('d')] })).toThrow(/appears twice/);
  });

  it('authenticates a client by id and secret', () => {
    const { registry, creds } = populated();
    expect(registry.authenticateClient('app-a', creds.clientSecret)).toBe('app-a');
    expect(registry.authenticateClient('app-a', 'x'.repeat(43))).toBeUndefined();
    expect(registry.authenticateClient('nobody', creds.clientSecret)).toBeUndefined();
  });

  it('emits stateChanged for every persistable change and rule events only when a state really changes', () => {
    const { registry } = populated();
    const events: string[] = [];
    for (const name of ['stateChanged', 'trafficRuleChanged', 'dnsRuleChanged', 'appReady', 'serviceChanged'] as const) registry.on(name, () => events.push(name));
    registry.setTrafficRuleState('app-a', 'tr-1', 'INACTIVE');
    expect(events).toEqual([]);
    registry.setTrafficRuleState('app-a', 'tr-1', 'ACTIVE');
    registry.setDnsRuleState('app-a', 'dns-1', 'ACTIVE');
    registry.confirmReady('app-a');
    registry.services.register('app-a', { serName: 's', version: '1', state: 'ACTIVE', serializer: 'JSON', transportInfo });
    expect(events).toEqual(['trafficRuleChanged', 'stateChanged', 'dnsRuleChanged', 'stateChanged', 'appReady', 'stateChanged', 'serviceChanged', 'stateChanged']);
  });

  it('setRules replaces the host\'s rules without rule events', () => {
    const { registry } = populated();
    let ruleEvents = 0;
    registry.on('trafficRuleChanged', () => ruleEvents++);
    registry.setRules('app-a', { trafficRules: [trafficRule('tr-9', 'ACTIVE')] });
    expect(registry.trafficRules('app-a').map((r) => r.trafficRuleId)).toEqual(['tr-9']);
    expect(registry.dnsRules('app-a')).toEqual([dnsRule('dns-1')]);
    expect(ruleEvents).toBe(0);
  });

  it('terminate: no subscription resolves at once, a zero graceful timeout times out, removal cancels, a second one conflicts', async () => {
    const { registry } = populated();
    await expect(registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 10 })).resolves.toEqual({ outcome: 'no-subscription' });
    registry.subscribeTermination('app-a', { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: 'http://127.0.0.1:9/t', appInstanceId: 'app-a' });
    const started: unknown[] = [];
    registry.on('terminationStarted', (e) => started.push(e));
    await expect(registry.terminate('app-a', { operationAction: 'STOPPING', maxGracefulTimeout: 0 })).resolves.toEqual({ outcome: 'timeout' });
    expect(started).toEqual([{ appInstanceId: 'app-a', operationAction: 'STOPPING', maxGracefulTimeout: 0 }]);
    const pending = registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 3600 });
    expect(() => registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 1 })).toThrow(/already being terminated/);
    registry.removeAppInstance('app-a');
    await expect(pending).resolves.toEqual({ outcome: 'cancelled' });
    expect(() => registry.terminate('app-a', { operationAction: 'TERMINATING', maxGracefulTimeout: 1 })).toThrow(/No app instance app-a/);
    expect(() => registry.terminate('app-b', { operationAction: 'TERMINATING', maxGracefulTimeout: -1 })).toThrow();
  });

  it('snapshot is plain JSON that restores to an equal registry; invalid or inconsistent snapshots are refused', () => {
    const { registry, creds } = populated();
    registry.setTrafficRuleState('app-a', 'tr-1', 'ACTIVE');
    registry.confirmReady('app-b');
    const svc = registry.services.register('app-a', { serName: 's', version: '1', state: 'ACTIVE', serializer: 'JSON', transportInfo });
    registry.services.subscribe('app-b', { subscriptionType: 'SerAvailabilityNotificationSubscription', callbackReference: 'http://127.0.0.1:9/n', filteringCriteria: { serNames: ['s'] } });
    registry.subscribeTermination('app-a', { subscriptionType: 'AppTerminationNotificationSubscription', callbackReference: 'http://127.0.0.1:9/t', appInstanceId: 'app-a' });
    const snapshot = JSON.parse(JSON.stringify(registry.snapshot())) as ReturnType<Mp1Registry['snapshot']>;
    expect(snapshot).toMatchObject({ version: 1, apps: [{ appInstanceId: 'app-a', ready: false }, { appInstanceId: 'app-b', clientId: 'b-client', ready: true }] });
    expect(snapshot.services).toHaveLength(1);

    const copy = new Mp1Registry();
    copy.restore(snapshot);
    expect(copy.snapshot()).toEqual(snapshot);
    expect(copy.services.get(svc.serInstanceId)).toEqual(svc);
    expect(copy.trafficRule('app-a', 'tr-1').state).toBe('ACTIVE');
    expect(copy.authenticateClient('app-a', creds.clientSecret)).toBe('app-a');

    expect(() => copy.restore({ ...snapshot, version: 2 })).toThrow();
    expect(() => copy.restore({ ...snapshot, apps: snapshot.apps.filter((a) => a.appInstanceId !== 'app-b') })).toThrow(/refers to app instance app-b/);
    // A refused snapshot leaves the registry as it was.
    expect(copy.snapshot()).toEqual(snapshot);
  });
});
