/**
 * TOSCA AppD -> MEC 010-2 AppD JSON.
 *
 * Two dialects:
 * - MEC 037 §5.2: a node template whose type derives from `tosca.nodes.mec.MecApp`; the VNF
 *   properties (descriptor_id, product_name, …) and the snake_case MecApp properties
 *   (app_service_required, app_traffic_rule, …) map per Table 5.2.2-1.
 * - EdgeGallery: a `tosca.nodes.nfv.VNF` template for identity and a
 *   `tosca.nodes.nfv.app.configuration` template whose camelCase properties hold the rules.
 *
 * @example const p = projectAppD(parseYaml(text).value, []); p.appd.appDId
 */
import { parseDocument, visit } from 'yaml';
import { emptyNullLists } from './schema';

export type TJson = Record<string, unknown>;

export interface TProjectionNote { status: 'pass' | 'warn' | 'fail'; id: 'appd.node-type' | 'appd.compute' | 'appd.tosca-version'; message: string }

export interface TProjection {
  appd: TJson;
  variant: 'mec037' | 'edgegallery';
  architectures: string[];
  notes: TProjectionNote[];
}

const isObject = (v: unknown): v is TJson => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (v === undefined || v === null || isObject(v) || Array.isArray(v) ? undefined : String(v));
const strList = (v: unknown): string[] | undefined => (v === undefined || v === null ? undefined : (Array.isArray(v) ? v : [v]).map((x) => String(x)));
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));

/**
 * Parses YAML keeping number-looking scalars whose text would change (`1.0`, `007`) as
 * strings, so versions survive. Aliases are capped (billion-laughs).
 */
export function parseYaml(text: string): { value?: unknown; errors: { line?: number; message: string }[] } {
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { errors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! })) };
  visit(doc, {
    Scalar(_key, node) {
      const source = (node.srcToken as { source?: string } | undefined)?.source;
      if (typeof node.value === 'number' && source !== undefined && source !== String(node.value)) node.value = source;
    },
  });
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), errors: [] };
  } catch (error) {
    return { errors: [{ message: (error as Error).message }] };
  }
}

/** `8096 MB`, `4 GiB` or a bare number (taken as MB, EdgeGallery) -> MB. */
export function sizeInMb(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = /^\s*([\d.]+)\s*([kKMGT]i?B|B)?\s*$/.exec(String(v ?? ''));
  if (!m) return undefined;
  const factor: Record<string, number> = { B: 1 / 1e6, kB: 1e-3, KB: 1e-3, KiB: 1024 / 1e6, MB: 1, MiB: 1.048576, GB: 1e3, GiB: 1073.741824, TB: 1e6, TiB: 1099511.627776 };
  return Number(m[1]) * (factor[m[2] ?? 'MB'] ?? 1);
}

/** `1800 MHz`, `2.4 GHz` or a bare number -> MHz. */
function clockInMhz(v: unknown): number | undefined {
  const m = /^\s*([\d.]+)\s*(Hz|kHz|MHz|GHz)?\s*$/.exec(String(v ?? ''));
  if (!m) return undefined;
  return Number(m[1]) * ({ Hz: 1e-6, kHz: 1e-3, MHz: 1, GHz: 1e3 }[m[2] ?? 'MHz'] ?? 1);
}

const SPECIAL_KEYS: Record<string, string> = {
  qci: 'qCI', dscp: 'dSCP', tc: 'tC',
  src_mac_address: 'srcMACAddress', dst_mac_address: 'dstMACAddress', dst_ip_address: 'dstIPAddress',
  srcMacAddress: 'srcMACAddress', dstMacAddress: 'dstMACAddress', dstIpAddress: 'dstIPAddress',
};

/** snake_case -> camelCase, recursively, with the MEC 010-2 spellings that are not plain camelCase. */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!isObject(value)) return value;
  const out: TJson = {};
  for (const [key, v] of Object.entries(value)) {
    const name = SPECIAL_KEYS[key] ?? key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    out[name] = camelize(v);
  }
  return out;
}

function normalizeTransport(t: unknown): unknown {
  if (!isObject(t)) return t;
  const out: TJson = { ...t, version: str(t.version) };
  if (isObject(t.security) && ('oauth2GrantType' in t.security || 'oauth2TokenEndpoint' in t.security)) {
    out.security = { oAuth2Info: { grantTypes: strList(t.security.oauth2GrantType), tokenEndpoint: str(t.security.oauth2TokenEndpoint) } };
  }
  return out;
}

function normalizeService(s: unknown): unknown {
  if (!isObject(s)) return s;
  const out: TJson = { ...s, version: str(s.version) };
  if (typeof s.requestedPermissions === 'boolean') delete out.requestedPermissions; // EdgeGallery writes `true`
  if (Array.isArray(s.transportsSupported)) out.transportsSupported = s.transportsSupported.map((t) => (isObject(t) ? { ...t, transport: normalizeTransport(t.transport) } : t));
  if (Array.isArray(s.serTransportDependencies)) out.serTransportDependencies = s.serTransportDependencies.map((t) => (isObject(t) ? { ...t, transport: normalizeTransport(t.transport) } : t));
  return out;
}

const FILTER_LISTS = ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol', 'tag', 'srcTunnelAddress', 'tgtTunnelAddress', 'srcTunnelPort', 'dstTunnelPort'];

function normalizeTrafficRule(r: unknown): unknown {
  if (!isObject(r)) return r;
  const out: TJson = { ...r, trafficRuleId: str(r.trafficRuleId), priority: num(r.priority) };
  if (Array.isArray(r.trafficFilter)) {
    out.trafficFilter = r.trafficFilter.map((f) => {
      if (!isObject(f)) return f;
      const filter: TJson = { ...f };
      for (const key of FILTER_LISTS) if (key in f) filter[key] = strList(f[key]);
      for (const key of ['qCI', 'dSCP', 'tC']) if (key in f) filter[key] = num(f[key]);
      return filter;
    });
  }
  if (r.dstInterface !== undefined) {
    out.dstInterface = (Array.isArray(r.dstInterface) ? r.dstInterface : [r.dstInterface]).map((i) => {
      if (!isObject(i) || !isObject(i.tunnelInfo)) return i;
      const type = str(i.tunnelInfo.tunnelType);
      return { ...i, tunnelInfo: { ...i.tunnelInfo, tunnelType: type === 'GTP_U' ? 'GTP-U' : type } }; // MEC 011 spells GTP_U
    });
  }
  return out;
}

function normalizeRules(appd: TJson): void {
  for (const key of ['appServiceRequired', 'appServiceOptional', 'appServiceProduced']) if (Array.isArray(appd[key])) appd[key] = (appd[key] as unknown[]).map(normalizeService);
  for (const key of ['appFeatureRequired', 'appFeatureOptional']) if (Array.isArray(appd[key])) appd[key] = (appd[key] as unknown[]).map((f) => (isObject(f) ? { ...f, version: str(f.version) } : f));
  if (Array.isArray(appd.transportDependencies)) appd.transportDependencies = appd.transportDependencies.map((t) => (isObject(t) ? { ...t, transport: normalizeTransport(t.transport) } : t));
  if (Array.isArray(appd.appTrafficRule)) appd.appTrafficRule = appd.appTrafficRule.map(normalizeTrafficRule);
  if (Array.isArray(appd.appDNSRule)) appd.appDNSRule = appd.appDNSRule.map((d) => (isObject(d) ? { ...d, ttl: num(d.ttl), ipAddress: str(d.ipAddress) } : d));
  if (isObject(appd.appLatency)) appd.appLatency = { maxLatency: num(appd.appLatency.maxLatency) };
}

/** Type name -> definition, over the main template and its imports. */
function nodeTypes(templates: TJson[]): Map<string, TJson> {
  const types = new Map<string, TJson>();
  for (const t of templates) if (isObject(t.node_types)) for (const [name, def] of Object.entries(t.node_types)) if (isObject(def)) types.set(name, def);
  return types;
}

function chain(type: string, types: Map<string, TJson>): string[] {
  const out = [type];
  let current = types.get(type);
  while (current && typeof current.derived_from === 'string' && !out.includes(current.derived_from) && out.length < 32) {
    out.push(current.derived_from);
    current = types.get(current.derived_from);
  }
  return out;
}

/** Property defaults along the derivation chain (MEC 037 pins identity as type defaults). */
function typeDefaults(type: string, types: Map<string, TJson>): TJson {
  const out: TJson = {};
  for (const name of chain(type, types).reverse()) {
    const props = types.get(name)?.properties;
    if (isObject(props)) for (const [k, def] of Object.entries(props)) if (isObject(def) && def.default !== undefined) out[k] = def.default;
  }
  return out;
}

function computeOf(name: string, node: TJson): { vcd: TJson; image?: TJson; arch?: string } {
  const props = isObject(node.properties) ? node.properties : {};
  const vc = isObject(node.capabilities) && isObject(node.capabilities.virtual_compute) && isObject(node.capabilities.virtual_compute.properties) ? node.capabilities.virtual_compute.properties : {};
  const cpu = isObject(vc.virtual_cpu) ? vc.virtual_cpu : {};
  const mem = isObject(vc.virtual_memory) ? vc.virtual_memory : {};
  const arch = str(cpu.cpu_architecture);
  const vcd: TJson = {
    virtualComputeDescId: name,
    virtualCpu: { numVirtualCpu: num(cpu.num_virtual_cpu), ...(arch ? { cpuArchitecture: arch } : {}), ...(cpu.virtual_cpu_clock !== undefined ? { virtualCpuClock: clockInMhz(cpu.virtual_cpu_clock) } : {}) },
    virtualMemory: { virtualMemSize: sizeInMb(mem.virtual_mem_size) },
  };
  let image: TJson | undefined;
  const artifact = isObject(node.artifacts) ? Object.entries(node.artifacts).find(([, a]) => isObject(a) && a.type === 'tosca.artifacts.nfv.SwImage') : undefined;
  const data = artifact && isObject(artifact[1]) ? { ...(isObject(artifact[1].properties) ? artifact[1].properties : {}), file: artifact[1].file } : isObject(props.sw_image_data) ? props.sw_image_data : undefined;
  if (data) {
    const c = camelize(data) as TJson;
    image = {
      id: artifact?.[0], name: str(c.name), version: str(c.version),
      checksum: isObject(c.checksum) ? { algorithm: str(c.checksum.algorithm), hash: str(c.checksum.hash) } : undefined,
      containerFormat: str(c.containerFormat), diskFormat: str(c.diskFormat), minDisk: sizeInMb(c.minDisk), minRam: sizeInMb(c.minRam), size: sizeInMb(c.size),
      swImage: str(c.file), operatingSystem: str(c.operatingSystem), supportedVirtualisationEnvironment: strList(c.supportedVirtualisationEnvironments),
    };
  } else if (props.image !== undefined) {
    image = { name: str(props.image), version: str(props.image_version) }; // EdgeGallery 2019 dialect
  }
  if (image) for (const k of Object.keys(image)) if (image[k] === undefined) delete image[k];
  return { vcd, image, arch };
}

/**
 * Projects the main service template (and the types of its imports) to a draft MEC 010-2
 * AppD. The draft is validated by `ZAppD` afterwards; this function never throws on content.
 */
export function projectAppD(main: unknown, imports: unknown[]): TProjection {
  const notes: TProjectionNote[] = [];
  const root = isObject(main) ? main : {};
  const templates = [root, ...imports.filter(isObject)];
  const types = nodeTypes(templates);
  const topology = isObject(root.topology_template) ? root.topology_template : {};
  const nodes = Object.entries(isObject(topology.node_templates) ? topology.node_templates : {}).filter((e): e is [string, TJson] => isObject(e[1]));
  const typeOf = (node: TJson) => (typeof node.type === 'string' ? node.type : '');
  const derives = (node: TJson, base: string) => chain(typeOf(node), types).includes(base);

  const version = str(root.tosca_definitions_version);
  if (version === 'tosca_simple_yaml_1_3') notes.push({ status: 'pass', id: 'appd.tosca-version', message: 'tosca_definitions_version is tosca_simple_yaml_1_3' });
  else notes.push({ status: 'warn', id: 'appd.tosca-version', message: `tosca_definitions_version is ${version ?? 'absent'}; MEC 037 uses tosca_simple_yaml_1_3` });

  const mecApp = nodes.find(([, n]) => derives(n, 'tosca.nodes.mec.MecApp'));
  const vnf = mecApp ?? nodes.find(([, n]) => derives(n, 'tosca.nodes.nfv.VNF'));
  const config = nodes.find(([, n]) => typeOf(n) === 'tosca.nodes.nfv.app.configuration');
  const variant = mecApp ? 'mec037' : 'edgegallery';
  if (mecApp) notes.push({ status: 'pass', id: 'appd.node-type', message: `node template ${mecApp[0]} (${typeOf(mecApp[1])}) derives from tosca.nodes.mec.MecApp` });
  else if (vnf) notes.push({ status: 'warn', id: 'appd.node-type', message: `no node type derived from tosca.nodes.mec.MecApp; identity read from ${vnf[0]} (${typeOf(vnf[1])}, EdgeGallery dialect)` });
  else notes.push({ status: 'fail', id: 'appd.node-type', message: 'no node template of a type derived from tosca.nodes.mec.MecApp (or tosca.nodes.nfv.VNF)' });

  const props: TJson = vnf ? { ...typeDefaults(typeOf(vnf[1]), types), ...(isObject(vnf[1].properties) ? vnf[1].properties : {}) } : {};
  const meta = isObject(root.metadata) ? root.metadata : {};
  const appd: TJson = {
    appDId: str(props.descriptor_id ?? props.vnfd_id ?? meta.vnfd_id),
    appName: str(props.product_name),
    appProvider: str(props.provider),
    appSoftVersion: str(props.software_version),
    appDVersion: str(props.descriptor_version ?? props.vnfd_version ?? meta.vnfd_version),
    appInfoName: str(props.product_info_name),
    appDescription: str(props.product_info_description),
    mecVersion: strList(props.mec_version),
  };
  if (mecApp) {
    const c = camelize(props) as TJson;
    for (const key of ['appServiceRequired', 'appServiceOptional', 'appServiceProduced', 'appFeatureRequired', 'appFeatureOptional', 'transportDependencies', 'appTrafficRule', 'appLatency']) if (c[key] !== undefined) appd[key] = c[key];
    if (c.appDnsRule !== undefined) appd.appDNSRule = c.appDnsRule;
    const lcm = isObject(c.lcmOperationsConfiguration) ? c.lcmOperationsConfiguration : undefined;
    if (lcm && isObject(lcm.terminate)) appd.terminateAppInstanceOpConfig = lcm.terminate;
    if (lcm && isObject(lcm.operate)) appd.changeAppInstanceStateOpConfig = lcm.operate;
  } else if (config) {
    const c = isObject(config[1].properties) ? config[1].properties : {};
    if (typeof c.appName === 'string') appd.appName = c.appName;
    for (const key of ['appServiceRequired', 'appServiceOptional', 'appServiceProduced', 'appFeatureRequired', 'appFeatureOptional', 'appTrafficRule', 'appDNSRule', 'appLatency']) if (c[key] !== undefined) appd[key] = camelize(c[key]);
  }
  emptyNullLists(appd);
  normalizeRules(appd);

  const computes = nodes.filter(([, n]) => derives(n, 'tosca.nodes.nfv.Vdu.Compute'));
  const containers = nodes.filter(([, n]) => derives(n, 'tosca.nodes.nfv.Vdu.OsContainer'));
  const architectures = [...new Set(computes.map(([name, n]) => computeOf(name, n).arch).filter((a): a is string => !!a))];
  if (computes.length > 0) {
    const [name, node] = computes[0]!;
    const { vcd, image } = computeOf(name, node);
    appd.virtualComputeDescriptor = vcd;
    if (image) appd.swImageDescriptor = image;
    if (computes.length > 1) notes.push({ status: variant === 'mec037' ? 'fail' : 'warn', id: 'appd.compute', message: `${computes.length} Vdu.Compute nodes (${computes.map(([n]) => n).join(', ')}); MEC 037 §5.2.3.4 allows one, the AppD describes ${name}` });
    else notes.push({ status: 'pass', id: 'appd.compute', message: `one Vdu.Compute (${name})` });
  } else if (containers.length > 0) {
    appd.osContainerDescriptor = containers.map(([name, n]) => ({ osContainerDescId: name, ...(camelize(isObject(n.properties) ? n.properties : {}) as TJson) }));
    notes.push({ status: 'pass', id: 'appd.compute', message: `${containers.length} Vdu.OsContainer node(s)` });
  } else {
    notes.push({ status: variant === 'mec037' ? 'fail' : 'warn', id: 'appd.compute', message: 'no Vdu.Compute or Vdu.OsContainer node' });
  }
  const storage = nodes.filter(([, n]) => /^tosca\.nodes\.nfv\.Vdu\.Virtual\w*Storage$/.test(typeOf(n)));
  if (storage.length > 0) appd.virtualStorageDescriptor = storage.map(([name, n]) => ({ id: name, typeOfStorage: typeOf(n), ...(camelize(isObject(n.properties) ? n.properties : {}) as TJson) }));
  const cps = nodes.filter(([, n]) => derives(n, 'tosca.nodes.nfv.VduCp'));
  if (cps.length > 0) appd.appExtCpd = cps.map(([name, n]) => ({ inherited_attributes: { cpdId: name, ...(camelize(isObject(n.properties) ? n.properties : {}) as TJson) } }));

  for (const k of Object.keys(appd)) if (appd[k] === undefined) delete appd[k];
  return { appd, variant, architectures, notes };
}
