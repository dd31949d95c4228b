/**
 * The MEC 037 TOSCA AppD of a demo app (`Definitions/<slug>.yaml`), written from its DEMO_APPS
 * entry: identity, the MEC services it consumes and offers, a traffic rule, a DNS rule, the
 * latency it needs and one Vdu.Compute with the CPU architecture the store filters on.
 *
 * Scalars are written as JSON strings (JSON is YAML 1.2), so names with quotes, colons or
 * Chinese need no YAML escaping rules of our own, and the codec can read them back verbatim.
 *
 * @example demoAppdYaml(DEMO_APPS[0]!, { path: 'Artifacts/Deployment/Kubernetes/x.yaml', sha256 })
 */
import { createHash } from 'node:crypto';
import type { DemoApp } from '@mecport/contracts';

/** The file the Vdu's software image artefact points at. */
export interface TDemoArtefact { path: string; sha256: string }

/** MEC service APIs the demo apps consume (MEC 012 RNI, 013 Location, 015 BWM, 030 V2XI). */
const MEC_SERVICES: Record<string, { name: string; version: string }> = {
  rnis: { name: 'RNI', version: '2.2.1' },
  location: { name: 'Location', version: '2.2.1' },
  bwm: { name: 'BWM', version: '2.2.1' },
  v2xi: { name: 'V2XI', version: '3.1.1' },
};

const q = (value: string | number): string => JSON.stringify(String(value));

/** A stable address per app (derived from its slug, so reordering DEMO_APPS changes no package). */
export function demoAppAddress(slug: string): string {
  const byte = createHash('sha256').update(slug).digest()[0]!;
  return `10.20.${byte}.10`;
}

/** Bigger nodes for the apps that run models or decode video. */
export function demoCompute(app: Pick<DemoApp, 'category'>): { cpus: number; memGiB: number } {
  return ['ai-inference', 'video-analytics', 'industrial'].includes(app.category) ? { cpus: 8, memGiB: 16 } : { cpus: 2, memGiB: 4 };
}

/** One `- transport: …` list item whose dash sits `column` spaces in (MEC 011 REST over HTTP, OAuth 2.0). */
function transportItem(column: number, extra: string[] = []): string {
  const pad = ' '.repeat(column + 2);
  const lines = [
    'transport:', '  type: REST_HTTP', '  protocol: HTTP', "  version: '2.0'", '  security:',
    '    oauth2_grant_type: [ OAUTH2_CLIENT_CREDENTIALS ]', '    oauth2_token_endpoint: https://mep.mecport.example/token', 'serializers: [ JSON ]', ...extra,
  ];
  return `${' '.repeat(column)}- ${lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n')}`;
}

function requiredServices(app: DemoApp): string {
  if (app.services.required.length === 0) return '        app_service_required: []';
  const items = app.services.required.map((name) => {
    const service = MEC_SERVICES[name] ?? { name, version: '1.0.0' };
    return `          - ser_name: ${q(name)}
            version: ${q(service.version)}
            ser_category: { href: ${q(`/example/catalogue/${name}`)}, id: ${q(name)}, name: ${q(service.name)}, version: ${q(service.version)} }
            ser_transport_dependencies:
${transportItem(14, ['labels: [ default ]'])}`;
  });
  return `        app_service_required:\n${items.join('\n')}`;
}

function identityProperty(name: string, value: string): string {
  return `      ${name}:
        type: string
        constraints: [ valid_values: [ ${q(value)} ] ]
        default: ${q(value)}`;
}

export function demoAppdYaml(app: DemoApp, artefact: TDemoArtefact): string {
  const id = `mecport-demo-${app.slug}`;
  const node = app.slug.replace(/-/g, '_');
  const type = `MECport.Demo.${app.slug.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}_${app.version}`;
  const ip = demoAppAddress(app.slug);
  const compute = demoCompute(app);
  return `tosca_definitions_version: tosca_simple_yaml_1_3
description: ${q(`${app.name}, a MECport demo MEC application (MEC 037 V3.2.1 AppD)`)}

imports:
  - https://forge.etsi.org/rep/mec/gs037-pkg-format/raw/v3.2.1/MecAppDTypes.yaml

metadata:
  template_name: ${q(app.slug)}
  template_author: ${q(app.provider)}
  template_version: ${q(app.version)}

node_types:
  ${type}:
    derived_from: tosca.nodes.mec.MecApp
    properties:
${identityProperty('descriptor_id', id)}
${identityProperty('provider', app.provider)}
${identityProperty('product_name', app.name)}
${identityProperty('software_version', app.version)}
${identityProperty('descriptor_version', app.version)}
      vnfm_info:
        type: list
        entry_schema: { type: string }
        default: [ 'etsivnfm:v2.3.1' ]

topology_template:
  node_templates:
    ${node}:
      type: ${type}
      properties:
        product_info_name: ${q(app.nameZh ?? app.name)}
        product_info_description: ${q(app.descriptionEn)}
        flavour_id: default
        flavour_description: ""
        mec_version: [ '3.2.1' ]
${requiredServices(app)}
        app_service_produced:
          - ser_name: ${q(app.services.produced)}
            version: ${q(app.version)}
            ser_category: { name: ${q(app.category)} }
            transports_supported:
${transportItem(14)}
        app_feature_required:
          - feature_name: UserApps
            version: '1.0'
        app_traffic_rule:
          - traffic_rule_id: ${q(`${app.slug}-tr1`)}
            filter_type: FLOW
            priority: 1
            traffic_filter:
              - dst_address: [ ${q(`${ip}/32`)} ]
                dst_port: [ '443' ]
                protocol: [ TCP ]
            action: FORWARD_DECAPSULATED
            dst_interface:
              - interface_type: IP
                dst_ip_address: ${q(ip)}
        app_dns_rule:
          - dns_rule_id: ${q(`${app.slug}-dns1`)}
            domain_name: ${q(app.domain)}
            ip_address_type: IP_V4
            ip_address: ${q(ip)}
            ttl: 300
        app_latency:
          max_latency: 20000000

    ${node}_vdu:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: ${q(app.slug)}
        description: the app's container, deployed with the Kubernetes manifest below
        boot_order: false
        vdu_profile:
          min_number_of_instances: 1
          max_number_of_instances: 1
      capabilities:
        virtual_compute:
          properties:
            virtual_memory:
              virtual_mem_size: ${compute.memGiB * 1024} MB
            virtual_cpu:
              num_virtual_cpu: ${compute.cpus}
              cpu_architecture: ${q(app.architecture)}
      artifacts:
        ${app.slug}-image:
          type: tosca.artifacts.nfv.SwImage
          file: ${q(artefact.path)}
          properties:
            name: ${q(app.slug)}
            version: ${q(app.version)}
            checksum:
              algorithm: sha-256
              hash: ${artefact.sha256}
            container_format: bare
            disk_format: raw
            min_disk: 1 GB

    ${node}_cp:
      type: tosca.nodes.nfv.VduCp
      properties:
        layer_protocols: [ ipv4 ]
        role: leaf
        description: the app's external connection point
      requirements:
        - virtual_binding: ${node}_vdu

  policies:
    - instantiation_levels:
        type: tosca.policies.nfv.InstantiationLevels
        properties:
          levels:
            default:
              description: the only level
          default_level: default
    - vdu_instantiation_levels:
        type: tosca.policies.nfv.VduInstantiationLevels
        properties:
          levels:
            default:
              number_of_instances: 1
        targets: [ ${node}_vdu ]
`;
}
