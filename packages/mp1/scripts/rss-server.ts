/**
 * A process that only serves Mp1 for one app instance (2 traffic rules, 1 DNS rule), for
 * `measure-rss.ts`. Prints one JSON line with its URL and the app's credentials once listening.
 */
import { createMp1Server, generateAppCredentials, Mp1Registry } from '../src/index';

const rule = (id: string) => ({
  trafficRuleId: id, filterType: 'FLOW' as const, priority: 1, action: 'FORWARD_DECAPSULATED' as const, state: 'ACTIVE' as const,
  trafficFilter: [{ dstAddress: ['192.127.4.100/32'], dstPort: ['80'] }], dstInterface: { interfaceType: 'IP' as const, dstIpAddress: '20.1.1.1' },
});

const registry = new Mp1Registry();
const credentials = generateAppCredentials('app-1');
registry.addAppInstance({
  appInstanceId: 'app-1', clientSecretHash: credentials.clientSecretHash, trafficRules: [rule('tr-1'), rule('tr-2')],
  dnsRules: [{ dnsRuleId: 'dns-1', domainName: 'video.example.com', ipAddressType: 'IP_V4', ipAddress: '10.10.0.7', ttl: 300, state: 'ACTIVE' }],
});
const server = createMp1Server({ registry });
const url = await server.listen(0, '127.0.0.1');
console.log(JSON.stringify({ url, clientId: credentials.clientId, clientSecret: credentials.clientSecret }));
