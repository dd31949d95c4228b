/**
 * Demo edge nodes of Acme Mobile: 30 MEC hosts in Chinese and European cities, in seven node
 * groups, with region, labels, capacity and data-plane settings, so the edge map has something to
 * show. They are plain rows and are never enrolled here: they show as pending until an agent
 * enrols one (a node's status comes from its enrolment and heartbeats, never from the seed).
 * Idempotent: groups and nodes are added by name when missing; existing ones are left as edited.
 */
import type { DbClient } from './client';
import type { Prisma } from './generated/prisma/client';

export const DEMO_EDGE_TENANT = 'acme-mobile';

const GROUPS = [
  ['cn-north', 'Beijing, Xi\'an and Wuhan sites'], ['cn-east', 'Shanghai, Hangzhou and Nanjing sites'], ['cn-south', 'Pearl River Delta sites'],
  ['cn-west', 'Chengdu sites'], ['eu-central', 'Munich, Berlin, Vienna and Milan sites'], ['eu-west', 'Paris, Madrid, London and Amsterdam sites'],
  ['eu-north', 'Stockholm sites'],
] as const;
type TGroup = (typeof GROUPS)[number][0];

/** name, lat, lng, province, city, district, address, group, site, tier, architecture, cores, memory GiB, GPUs, NPUs, adapter */
type TDemoNode = [string, number, number, string, string, string, string, TGroup, string, 'gold' | 'silver', 'x86_64' | 'aarch64', number, number, number, number, 'memory' | 'nftables' | 'camara'];

const NODES: TDemoNode[] = [
  ['bj-haidian-01', 39.9593, 116.2981, '北京市', '北京', '海淀区', '中关村大街 1 号', 'cn-north', 'campus', 'gold', 'x86_64', 64, 256, 2, 0, 'nftables'],
  ['bj-chaoyang-01', 39.9219, 116.4436, '北京市', '北京', '朝阳区', '建国路 88 号', 'cn-north', 'mall', 'silver', 'x86_64', 32, 128, 0, 0, 'memory'],
  ['bj-dongcheng-01', 39.9288, 116.4160, '北京市', '北京', '东城区', '王府井大街 138 号', 'cn-north', 'hospital', 'gold', 'aarch64', 48, 192, 0, 2, 'memory'],
  ['xa-yanta-01', 34.2130, 108.9480, '陕西省', '西安', '雁塔区', '科技路 48 号', 'cn-north', 'factory', 'silver', 'aarch64', 32, 128, 0, 1, 'memory'],
  ['wh-jianghan-01', 30.6010, 114.2700, '湖北省', '武汉', '江汉区', '建设大道 568 号', 'cn-north', 'stadium', 'silver', 'x86_64', 32, 64, 1, 0, 'memory'],
  ['wh-hongshan-01', 30.5004, 114.3436, '湖北省', '武汉', '洪山区', '珞喻路 1037 号', 'cn-north', 'campus', 'gold', 'x86_64', 64, 256, 4, 0, 'nftables'],
  ['sh-pudong-01', 31.2215, 121.5440, '上海市', '上海', '浦东新区', '世纪大道 100 号', 'cn-east', 'campus', 'gold', 'x86_64', 96, 384, 4, 0, 'nftables'],
  ['sh-xuhui-01', 31.1886, 121.4365, '上海市', '上海', '徐汇区', '漕溪北路 18 号', 'cn-east', 'mall', 'silver', 'x86_64', 32, 128, 0, 0, 'memory'],
  ['sh-jiading-01', 31.3834, 121.2653, '上海市', '上海', '嘉定区', '安亭镇博园路 7001 号', 'cn-east', 'factory', 'gold', 'aarch64', 64, 256, 0, 4, 'nftables'],
  ['hz-xihu-01', 30.2595, 120.1300, '浙江省', '杭州', '西湖区', '文三路 90 号', 'cn-east', 'campus', 'silver', 'x86_64', 32, 128, 1, 0, 'memory'],
  ['hz-binjiang-01', 30.2084, 120.2119, '浙江省', '杭州', '滨江区', '网商路 699 号', 'cn-east', 'campus', 'gold', 'x86_64', 64, 256, 2, 0, 'nftables'],
  ['nj-jiangning-01', 31.9530, 118.8400, '江苏省', '南京', '江宁区', '秣周东路 12 号', 'cn-east', 'port', 'silver', 'aarch64', 32, 64, 0, 1, 'memory'],
  ['sz-nanshan-01', 22.5333, 113.9305, '广东省', '深圳', '南山区', '科技园南区 1 号', 'cn-south', 'campus', 'gold', 'aarch64', 96, 384, 0, 8, 'nftables'],
  ['sz-futian-01', 22.5410, 114.0550, '广东省', '深圳', '福田区', '深南大道 6008 号', 'cn-south', 'mall', 'silver', 'x86_64', 32, 128, 0, 0, 'memory'],
  ['gz-tianhe-01', 23.1246, 113.3612, '广东省', '广州', '天河区', '天河路 208 号', 'cn-south', 'stadium', 'gold', 'x86_64', 64, 256, 2, 0, 'memory'],
  ['gz-panyu-01', 22.9378, 113.3842, '广东省', '广州', '番禺区', '大学城外环西路 100 号', 'cn-south', 'campus', 'silver', 'aarch64', 32, 128, 0, 2, 'memory'],
  ['cd-wuhou-01', 30.6423, 104.0434, '四川省', '成都', '武侯区', '人民南路四段 9 号', 'cn-west', 'hospital', 'gold', 'x86_64', 48, 192, 2, 0, 'memory'],
  ['cd-gaoxin-01', 30.5823, 104.0635, '四川省', '成都', '高新区', '天府大道中段 1268 号', 'cn-west', 'campus', 'silver', 'aarch64', 32, 128, 0, 2, 'nftables'],
  ['muc-schwabing-01', 48.1650, 11.5860, 'Bayern', 'München', 'Schwabing', 'Leopoldstraße 100', 'eu-central', 'campus', 'gold', 'x86_64', 64, 256, 2, 0, 'camara'],
  ['muc-messestadt-01', 48.1358, 11.6900, 'Bayern', 'München', 'Messestadt Riem', 'Messegelände 1', 'eu-central', 'stadium', 'silver', 'x86_64', 32, 128, 1, 0, 'memory'],
  ['ber-mitte-01', 52.5200, 13.4050, 'Berlin', 'Berlin', 'Mitte', 'Alexanderplatz 1', 'eu-central', 'mall', 'silver', 'aarch64', 32, 128, 0, 0, 'memory'],
  ['ber-adlershof-01', 52.4340, 13.5380, 'Berlin', 'Berlin', 'Adlershof', 'Rudower Chaussee 17', 'eu-central', 'campus', 'gold', 'x86_64', 64, 256, 4, 0, 'camara'],
  ['vie-donaustadt-01', 48.2330, 16.4500, 'Wien', 'Wien', 'Donaustadt', 'Wagramer Straße 17', 'eu-central', 'hospital', 'silver', 'x86_64', 32, 64, 0, 0, 'memory'],
  ['mil-portanuova-01', 45.4840, 9.1900, 'Lombardia', 'Milano', 'Porta Nuova', 'Piazza Gae Aulenti 1', 'eu-central', 'mall', 'gold', 'aarch64', 48, 192, 0, 0, 'memory'],
  ['par-ladefense-01', 48.8920, 2.2360, 'Île-de-France', 'Paris', 'La Défense', '1 Parvis de La Défense', 'eu-west', 'campus', 'gold', 'x86_64', 64, 256, 2, 0, 'camara'],
  ['par-13e-01', 48.8322, 2.3561, 'Île-de-France', 'Paris', '13e arrondissement', '5 Rue Thomas Mann', 'eu-west', 'campus', 'silver', 'x86_64', 32, 128, 0, 0, 'memory'],
  ['mad-centro-01', 40.4168, -3.7038, 'Comunidad de Madrid', 'Madrid', 'Centro', 'Puerta del Sol 1', 'eu-west', 'mall', 'silver', 'aarch64', 32, 128, 0, 0, 'memory'],
  ['lon-docklands-01', 51.5054, -0.0235, 'England', 'London', 'Docklands', '1 Canada Square', 'eu-west', 'port', 'gold', 'x86_64', 96, 384, 4, 0, 'camara'],
  ['ams-zuidas-01', 52.3380, 4.8730, 'Noord-Holland', 'Amsterdam', 'Zuidas', 'Gustav Mahlerplein 1', 'eu-west', 'campus', 'silver', 'x86_64', 32, 128, 0, 0, 'memory'],
  ['sto-kista-01', 59.4050, 17.9440, 'Stockholm', 'Stockholm', 'Kista', 'Kistagången 20', 'eu-north', 'campus', 'gold', 'aarch64', 64, 256, 0, 0, 'nftables'],
];

function dataPlaneOf(adapter: TDemoNode[15], city: string): Prisma.InputJsonValue {
  if (adapter === 'camara') return { adapter, settings: { baseUrl: `https://camara.${city.toLowerCase().replace(/[^a-z]/g, '')}.example.net/traffic-influence/v1` } };
  if (adapter === 'nftables') return { adapter, settings: { table: 'mecport', interface: 'n6' } };
  return { adapter, settings: {} };
}

/** Adds the missing demo groups and nodes to Acme Mobile; returns how many nodes it created. */
export async function seedEdgeNodes(prisma: DbClient): Promise<number> {
  const tenant = await prisma.tenant.findUnique({ where: { slug: DEMO_EDGE_TENANT }, select: { id: true } });
  if (!tenant) return 0;
  await prisma.nodeGroup.createMany({ data: GROUPS.map(([name, description]) => ({ tenantId: tenant.id, name, description })), skipDuplicates: true });
  const groups = new Map((await prisma.nodeGroup.findMany({ where: { tenantId: tenant.id }, select: { id: true, name: true } })).map((g) => [g.name, g.id]));
  const { count } = await prisma.edgeNode.createMany({
    skipDuplicates: true,
    data: NODES.map(([name, latitude, longitude, province, city, district, address, group, site, tier, architecture, cpuCores, memoryGib, gpus, npus, adapter]) => ({
      tenantId: tenant.id, name, latitude, longitude, province, city, district, address, groupId: groups.get(group) ?? null,
      labels: { site, tier, region: group, ...(npus > 0 ? { accelerator: 'npu' } : gpus > 0 ? { accelerator: 'gpu' } : {}) },
      capacity: { architecture, cpuCores, memoryMb: memoryGib * 1024, gpus, npus },
      dataPlane: dataPlaneOf(adapter, city),
    })),
  });
  return count;
}
