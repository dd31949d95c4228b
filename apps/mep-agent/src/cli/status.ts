/** `mecport-agent status`: the local state as the agent left it (works with the agent stopped, too). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson } from '../state/atomic-file';
import { StateStore } from '../state/state-store';
import { ZProcessRecord } from '../runtime/process-record';
import { isSameProcess } from '../runtime/proc-info';
import { readDataPlaneRecord } from '../rules/data-plane';
import { PODMAN_INSTALL_HINT } from '../runtime/podman/detect-podman';
import { collectContainers } from './status-containers';

async function collect(state: StateStore) {
  const [credentials, applied, desired, journal, channel, agentPid, dataPlane] = await Promise.all([
    state.readCredentials(), state.readApplied(), state.readDesired(), state.readJournal(), state.readChannelStatus(), state.readAgentPid(), readDataPlaneRecord(state.paths.dataPlane),
  ]);
  const instances = [];
  for (const name of (await readdir(state.paths.runtime).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
    const record = await readJson(join(state.paths.runtime, name), ZProcessRecord).catch(() => undefined);
    if (!record) continue;
    const alive = record.process ? await isSameProcess(record.process) : false;
    instances.push({
      appInstanceId: record.spec.appInstanceId, appName: record.spec.appName, version: record.spec.version, state: record.state,
      pid: record.process?.pid ?? null, alive, restarts: record.restarts, startedAt: record.startedAt, message: record.message,
    });
  }
  const { runtimes, containers } = await collectContainers(state, credentials?.nodeId);
  return {
    dataDir: state.dir,
    runtimes,
    enrolled: credentials ? { nodeId: credentials.nodeId, nodeName: credentials.nodeName, portalUrl: credentials.portalUrl, credentialId: credentials.credentialId, enrolledAt: credentials.enrolledAt } : null,
    agent: agentPid && (await isSameProcess(agentPid)) ? { running: true, pid: agentPid.pid, since: agentPid.startedAt, mp1: agentPid.mp1Url, dns: agentPid.dns ?? null } : { running: false },
    dataPlane: dataPlane ? {
      adapter: dataPlane.dataPlane.adapter, instances: dataPlane.instances.length,
      rules: Object.fromEntries(['applied', 'removed', 'unsupported', 'failed'].map((state) => [state, dataPlane.results.filter((r) => r.state === state).length])),
      failed: dataPlane.results.filter((r) => r.state === 'failed' || r.state === 'unsupported').slice(0, 20),
    } : null,
    channel: channel ?? null,
    appliedRevision: applied?.revision ?? -1,
    desiredRevision: desired?.revision ?? -1,
    unfinishedRevision: journal?.target.revision ?? null,
    instances,
    containers,
  };
}

export async function runStatus(options: { dataDir: string; json: boolean }): Promise<number> {
  const s = await collect(new StateStore(options.dataDir));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return 0;
  }
  const lines = [`data dir    ${s.dataDir}`];
  lines.push(s.enrolled ? `node        ${s.enrolled.nodeName} (${s.enrolled.nodeId}), portal ${s.enrolled.portalUrl}` : 'node        not enrolled (mecport-agent enroll --portal <url> --token <token>)');
  lines.push(`runtimes    ${s.runtimes.join(', ')}${s.runtimes.includes('podman') ? '' : ` (podman is not installed or does not work here: container apps are refused; ${PODMAN_INSTALL_HINT})`}`);
  lines.push(s.agent.running ? `agent       running, pid ${s.agent.pid} since ${s.agent.since}, Mp1 at ${s.agent.mp1}` : 'agent       not running');
  if (s.agent.running) {
    const dns = s.agent.dns;
    lines.push(!dns ? 'dns         off' : dns.error ? `dns         NOT listening on ${dns.address} (udp+tcp): ${dns.error}` : `dns         ${dns.address} (udp+tcp), upstreams ${dns.upstreams.length > 0 ? dns.upstreams.join(', ') : 'none (other names REFUSED)'}`);
  }
  if (s.dataPlane) {
    const r = s.dataPlane.rules;
    lines.push(`data plane  ${s.dataPlane.adapter} adapter, ${s.dataPlane.instances} instances, rules: ${r.applied} applied, ${r.failed} failed, ${r.unsupported} unsupported`);
    for (const f of s.dataPlane.failed) lines.push(`  ${f.appInstanceId} ${f.kind} ${f.ruleId} ${f.state}${f.reason ? `: ${f.reason}` : ''}`);
  } else lines.push('data plane  no rules applied yet');
  if (s.channel) {
    lines.push(`channel     ${s.channel.state} since ${s.channel.since}${s.channel.message ? `: ${s.channel.message}` : ''}`);
    if (s.channel.state === 'revoked') lines.push('            the portal revoked this node: re-enrol with a new token (mecport-agent enroll ... --force)');
    if (s.channel.lastApply) lines.push(`last apply  revision ${s.channel.lastApply.revision} ${s.channel.lastApply.outcome} at ${s.channel.lastApply.at}${s.channel.lastApply.message ? `: ${s.channel.lastApply.message}` : ''}`);
  }
  lines.push(`revisions   applied ${s.appliedRevision}, newest received ${s.desiredRevision}${s.unfinishedRevision !== null ? `, unfinished ${s.unfinishedRevision} (completed or rolled back at the next start)` : ''}`);
  lines.push(`instances   ${s.instances.length + s.containers.length}`);
  for (const i of s.instances) {
    const pid = i.pid === null ? 'no process' : `pid ${i.pid} ${i.alive ? 'alive' : 'gone'}`;
    lines.push(`  ${i.appInstanceId}  ${i.appName} ${i.version}  ${i.state}  ${pid}  restarts ${i.restarts}${i.message ? `  (${i.message})` : ''}`);
  }
  for (const c of s.containers) {
    const pod = c.podState === null ? `pod ${c.pod}` : `pod ${c.pod} ${c.podState.toLowerCase()}`;
    lines.push(`  ${c.appInstanceId}  ${c.appName} ${c.version}  ${c.state}  ${pod}  restarts ${c.restarts}${c.message ? `  (${c.message})` : ''}`);
    for (const image of c.images) lines.push(`      image ${image.name} ${image.digest}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
