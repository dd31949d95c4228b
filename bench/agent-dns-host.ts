/**
 * The agent's DNS server in a process of its own, for bench/agent-dns.bench.ts: started as the
 * agent starts it (NodeRules applies a desired state whose running instances carry the DNS rules,
 * through the memory data plane, and fills the DnsServer), on 127.0.0.1:<port>. Prints `ready`.
 *
 *   node [agent flags] --import tsx bench/agent-dns-host.ts <port> <desired-state.json> <work dir>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TDesiredState } from '@mecport/contracts';
import { MemoryAdapter } from '@mecport/upf-adapters';
import { DnsServer } from '../apps/mep-agent/src/dns/dns-server';
import { silentLogger } from '../apps/mep-agent/src/log';
import { DataPlane } from '../apps/mep-agent/src/rules/data-plane';
import { NodeRules } from '../apps/mep-agent/src/rules/node-rules';
import { RuleStateStore } from '../apps/mep-agent/src/rules/rule-state-store';

const [port, documentPath, workDir] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath!, 'utf8')) as TDesiredState;
const dns = new DnsServer({ host: '127.0.0.1', port: Number(port), upstreams: [], log: silentLogger });
await dns.start();
const dataPlane = new DataPlane({ recordPath: join(workDir!, 'data-plane.json'), adapterDeps: { dataDir: workDir!, env: {}, log: silentLogger }, log: silentLogger, create: () => Promise.resolve(new MemoryAdapter()) });
const rules = new NodeRules({ dataPlane, store: new RuleStateStore(join(workDir!, 'rule-states.json')), dns, log: silentLogger });
await rules.apply(document);
process.stdout.write(`ready ${dns.names} names\n`);
process.on('SIGTERM', () => void dns.close().then(() => process.exit(0)));
