/**
 * `mecport-agent`: enrol a node, run the agent, show its local state.
 *
 * @example
 *   npx mecport-agent enroll --portal https://portal.example --token <one-time token>
 *   npx mecport-agent run --mp1-port 8581
 *   npx mecport-agent status
 */
import { parseArgs } from 'node:util';
import { parseUpstreams } from '../dns/upstreams';
import { agentEnv, dnsPort } from '../env';
import { readPlatformServices } from '../mp1-platform-services';
import { runEnroll } from './enroll';
import { runAgent } from './run';
import { runStatus } from './status';

const USAGE = `mecport-agent: the MEP agent of a MECport edge node

  mecport-agent enroll --portal <url> --token <token> [--data-dir <dir>] [--name-hint <hostname>] [--force]
      Makes the node's Ed25519 key pair, enrols with the portal's one-time token and keeps the
      credentials in the data dir. --force replaces an existing enrolment (re-enrol).
  mecport-agent run [--data-dir <dir>] [--mp1-port 8581] [--mp1-host 127.0.0.1] [--stop-apps-on-exit]
                    [--dns-port 53|off] [--dns-host 0.0.0.0] [--dns-upstream <ip:port>,...]
                    [--mp1-public-url <url>] [--platform-services <file.json>] [--registry-auth <auth.json>]
      Runs the agent: apps, Mp1 on 127.0.0.1:<mp1-port>, the edge channel to the portal, the
      node's DNS server (UDP and TCP) answering the apps' DNS rules and forwarding other names
      to the upstreams (none: REFUSED). --mp1-public-url: the Mp1 URL the apps are told
      (MP1_API_ROOT, MP1_TOKEN_URL) when they reach Mp1 through a proxy, such as the MEC sandbox's
      gateway. --platform-services: a JSON list of services the platform offers ({serName,
      version, uri, category?}), listed by Mp1 GET /services. The apps keep running when the agent stops, unless
      --stop-apps-on-exit (a throwaway node). Container apps run as Podman pods when podman works
      here; --registry-auth: the node's registry credentials (a containers-auth.json as
      \`podman login --authfile\` writes it), used for image pulls and never sent anywhere.
      Defaults: $MECPORT_AGENT_DNS_PORT (else 53), $MECPORT_AGENT_DNS_HOST (else 0.0.0.0),
      $MECPORT_AGENT_DNS_UPSTREAMS, $MECPORT_AGENT_REGISTRY_AUTH.
  mecport-agent status [--data-dir <dir>] [--json]
      Prints the local state: enrolment, runtimes (process, podman), channel, revisions, app
      instances (a container app's pod, its state and image digests).

  The data dir defaults to $MECPORT_AGENT_DATA_DIR, else .data/agent under the current directory.
`;

const VALUE_OPTIONS = ['--portal', '--token', '--data-dir', '--name-hint', '--mp1-port', '--mp1-host', '--mp1-public-url', '--platform-services', '--dns-port', '--dns-host', '--dns-upstream', '--registry-auth'];

/**
 * `--token -x…` → `--token=-x…`: a one-time token may start with a dash, which parseArgs would
 * otherwise take for an option.
 */
function joinValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (VALUE_OPTIONS.includes(arg) && i + 1 < args.length) out.push(`${arg}=${args[++i]}`);
    else out.push(arg);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: joinValues(rest),
    options: {
      portal: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      'name-hint': { type: 'string' },
      force: { type: 'boolean', default: false },
      'stop-apps-on-exit': { type: 'boolean', default: false },
      'mp1-port': { type: 'string', default: '8581' },
      'mp1-host': { type: 'string' },
      'mp1-public-url': { type: 'string' },
      'platform-services': { type: 'string' },
      'dns-port': { type: 'string' },
      'dns-host': { type: 'string' },
      'dns-upstream': { type: 'string' },
      'registry-auth': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const env = agentEnv();
  const dataDir = values['data-dir'] ?? env.MECPORT_AGENT_DATA_DIR;
  if (values.help || command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  switch (command) {
    case 'enroll':
    case 'enrol':
      if (!values.portal || !values.token) throw new UsageError('enroll needs --portal <url> and --token <token>');
      return runEnroll({ portalUrl: values.portal, token: values.token, dataDir, nameHint: values['name-hint'], force: values.force });
    case 'run': {
      const mp1Port = Number(values['mp1-port']);
      if (!Number.isInteger(mp1Port) || mp1Port < 1 || mp1Port > 65535) throw new UsageError('--mp1-port must be a port number');
      const dns = dnsOptions(values['dns-port'] ?? env.MECPORT_AGENT_DNS_PORT, values['dns-host'] ?? env.MECPORT_AGENT_DNS_HOST, values['dns-upstream'] ?? env.MECPORT_AGENT_DNS_UPSTREAMS);
      const mp1 = await mp1Options(values['mp1-host'], values['mp1-public-url'], values['platform-services']);
      return runAgent({ dataDir, mp1Port, mp1, env, dns, stopAppsOnExit: values['stop-apps-on-exit'], registryAuth: values['registry-auth'] });
    }
    case 'status':
      return runStatus({ dataDir, json: values.json });
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

class UsageError extends Error {}

async function mp1Options(host: string | undefined, publicUrl: string | undefined, platformServicesFile: string | undefined) {
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) throw new UsageError('--mp1-public-url must be a URL');
  const platformServices = platformServicesFile === undefined ? undefined : await readPlatformServices(platformServicesFile);
  return { host, publicUrl, platformServices };
}

function dnsOptions(port: string | undefined, host: string, upstreams: string | undefined) {
  try {
    const listen = dnsPort(port);
    return listen === undefined ? undefined : { port: listen, host, upstreams: parseUpstreams(upstreams) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`mecport-agent: ${error.message}\n${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
