/**
 * The demo store: a dozen published apps across both demo tenants, some described in Chinese,
 * and the EdgeGallery sample packages imported as drafts of a demo tenant. `npm start` builds each
 * demo app's package from this data (packages/core/src/demo) and takes it through the same upload,
 * validation and publish code as a real one; tests search for them.
 */
import type { TAppCategory, TArchitecture } from './store-app';

export interface DemoApp {
  tenant: string; slug: string; name: string; nameZh: string | null; provider: string; category: TAppCategory; industry: string | null; tags: string[];
  descriptionEn: string; descriptionZh: string; version: string; architecture: TArchitecture; certified: boolean;
  /** What the demo AppD declares (MEC 010-2 names). */
  services: { required: string[]; produced: string }; domain: string; downloads: number; stars: number[];
}

export const DEMO_APPS: readonly DemoApp[] = [
  {
    tenant: 'acme-mobile', slug: 'edge-video-analytics', name: 'Edge Video Analytics', nameZh: '边缘视频分析', provider: 'Acme Vision Labs', category: 'video-analytics', industry: 'Public safety',
    tags: ['video', 'AI', 'camera'], descriptionEn: 'Real-time **video analytics** at the edge: object detection and tracking on camera streams, with only metadata leaving the site.',
    descriptionZh: '在边缘实时进行**视频分析**：对摄像头视频流做目标检测与跟踪，只有结构化结果离开园区。', version: '1.2.0', architecture: 'x86_64', certified: true,
    services: { required: ['rnis', 'location'], produced: 'video-analytics' }, domain: 'video.acme.example', downloads: 42, stars: [5, 4, 5],
  },
  {
    tenant: 'acme-mobile', slug: 'ar-museum-guide', name: 'AR Museum Guide', nameZh: '增强现实博物馆导览', provider: 'Acme XR', category: 'ar-vr', industry: 'Tourism',
    tags: ['AR', 'tourism'], descriptionEn: 'Augmented reality tours rendered at the edge for low-latency overlays on visitors\' phones.',
    descriptionZh: '在边缘渲染的增强现实导览，为游客手机提供低时延叠加画面。', version: '2.0.1', architecture: 'aarch64', certified: false,
    services: { required: ['location'], produced: 'ar-render' }, domain: 'ar.acme.example', downloads: 17, stars: [4, 3],
  },
  {
    tenant: 'acme-mobile', slug: 'cloud-gaming-edge', name: 'Cloud Gaming Edge', nameZh: '云游戏边缘加速', provider: 'PlayNear', category: 'gaming', industry: 'Entertainment',
    tags: ['gaming', 'streaming', 'latency'], descriptionEn: 'Game streaming relay that keeps input-to-photon latency under 20 ms.',
    descriptionZh: '云游戏串流中继，将操作到画面的时延控制在 20 毫秒以内。', version: '3.1.0', architecture: 'x86_64', certified: true,
    services: { required: ['bwm'], produced: 'game-relay' }, domain: 'play.acme.example', downloads: 88, stars: [5, 5, 4, 4],
  },
  {
    tenant: 'acme-mobile', slug: 'v2x-collision-warning', name: 'V2X Collision Warning', nameZh: '车路协同碰撞预警', provider: 'RoadSense', category: 'v2x', industry: 'Transport',
    tags: ['V2X', 'automotive'], descriptionEn: 'Fuses roadside sensors and vehicle messages to warn of collisions at intersections.',
    descriptionZh: '融合路侧传感器与车辆消息，在路口提前发出碰撞预警。', version: '1.0.0', architecture: 'aarch64', certified: true,
    services: { required: ['v2xi', 'location'], produced: 'collision-warning' }, domain: 'v2x.acme.example', downloads: 23, stars: [5],
  },
  {
    tenant: 'acme-mobile', slug: 'smart-factory-inspection', name: 'Smart Factory Inspection', nameZh: '智能工厂质检', provider: 'Acme Industrial', category: 'industrial', industry: 'Manufacturing',
    tags: ['defect detection', '质检'], descriptionEn: 'Visual defect detection on production lines with models served next to the machines.',
    descriptionZh: '产线视觉缺陷检测，模型部署在机床旁边的边缘节点上。', version: '1.4.2', architecture: 'x86_64', certified: false,
    services: { required: ['rnis'], produced: 'inspection' }, domain: 'factory.acme.example', downloads: 9, stars: [4],
  },
  {
    tenant: 'acme-mobile', slug: 'industrial-iot-gateway', name: 'Industrial IoT Gateway', nameZh: '工业物联网网关', provider: 'Acme Industrial', category: 'iot', industry: 'Manufacturing',
    tags: ['IoT', 'MQTT', 'OPC UA'], descriptionEn: 'Bridges OPC UA and MQTT devices to cloud platforms with local buffering.',
    descriptionZh: '将 OPC UA 与 MQTT 设备接入云平台，并在本地缓存数据。', version: '0.9.0', architecture: 'aarch64', certified: false,
    services: { required: [], produced: 'iot-bridge' }, domain: 'iot.acme.example', downloads: 5, stars: [],
  },
  {
    tenant: 'acme-mobile', slug: 'edge-cdn-cache', name: 'Edge CDN Cache', nameZh: '边缘内容分发缓存', provider: 'Acme Mobile', category: 'cdn', industry: null,
    tags: ['CDN', 'cache', 'video'], descriptionEn: 'HTTP cache for popular content, placed at the UPF to save backhaul.',
    descriptionZh: '部署在 UPF 旁的热点内容缓存，节省回传带宽。', version: '2.3.0', architecture: 'x86_64', certified: true,
    services: { required: ['rnis'], produced: 'cdn-cache' }, domain: 'cdn.acme.example', downloads: 64, stars: [4, 4, 3],
  },
  {
    tenant: 'acme-mobile', slug: 'ddos-edge-shield', name: 'DDoS Edge Shield', nameZh: '边缘抗DDoS防护', provider: 'SecureEdge', category: 'security', industry: 'Telecom',
    tags: ['security', 'DDoS'], descriptionEn: 'Drops volumetric attacks at the edge before they reach the core network.',
    descriptionZh: '在边缘丢弃流量型攻击，使其到达不了核心网。', version: '1.1.0', architecture: 'x86_64', certified: false,
    services: { required: [], produced: 'ddos-mitigation' }, domain: 'shield.acme.example', downloads: 12, stars: [3],
  },
  {
    tenant: 'acme-mobile', slug: 'remote-surgery-assist', name: 'Remote Surgery Assist', nameZh: '远程手术辅助', provider: 'MediEdge', category: 'healthcare', industry: 'Healthcare',
    tags: ['healthcare', 'haptics'], descriptionEn: 'Low-latency haptic and video links for tele-operated surgical robots.',
    descriptionZh: '为远程操控手术机器人提供低时延的触觉与视频链路。', version: '1.0.3', architecture: 'x86_64', certified: true,
    services: { required: ['bwm', 'rnis'], produced: 'haptic-link' }, domain: 'surgery.acme.example', downloads: 3, stars: [5, 5],
  },
  {
    tenant: 'globex-telecom', slug: 'crowd-density-monitor', name: 'Crowd Density Monitor', nameZh: '人流密度监测', provider: 'Globex AI', category: 'smart-city', industry: 'Public safety',
    tags: ['smart city', 'video'], descriptionEn: 'Counts people in public spaces from camera feeds and raises alerts on overcrowding.',
    descriptionZh: '根据摄像头画面统计公共场所人数，人流过密时告警。', version: '1.0.0', architecture: 'aarch64', certified: false,
    services: { required: ['location'], produced: 'crowd-density' }, domain: 'crowd.globex.example', downloads: 31, stars: [4, 5],
  },
  {
    tenant: 'globex-telecom', slug: 'edge-llm-inference', name: 'Edge LLM Inference', nameZh: '边缘大模型推理', provider: 'Globex AI', category: 'ai-inference', industry: null,
    tags: ['AI', 'LLM', 'GPU'], descriptionEn: 'Serves quantised language models on edge GPUs with an OpenAI-compatible API.',
    descriptionZh: '在边缘 GPU 上提供量化大语言模型推理服务，兼容 OpenAI 接口。', version: '0.5.0', architecture: 'x86_64', certified: true,
    services: { required: [], produced: 'llm-inference' }, domain: 'llm.globex.example', downloads: 120, stars: [5, 4, 4, 5, 3],
  },
  {
    tenant: 'globex-telecom', slug: 'smart-parking-finder', name: 'Smart Parking Finder', nameZh: null, provider: 'Globex Mobility', category: 'smart-city', industry: 'Transport',
    tags: ['parking', 'mobility'], descriptionEn: 'Guides drivers to free parking spaces using roadside cameras and occupancy sensors.',
    descriptionZh: '', version: '2.0.0', architecture: 'aarch64', certified: false,
    services: { required: ['location'], produced: 'parking' }, domain: 'parking.globex.example', downloads: 7, stars: [],
  },
];

/** An EdgeGallery sample package (packages/app-package/test-data/edgegallery) imported as an upload of a demo app. */
export interface DemoSample {
  tenant: string; slug: string; name: string; nameZh: string; provider: string; category: TAppCategory; descriptionEn: string; descriptionZh: string;
  /** The sample's file name, and the version the upload declares. */
  file: string; version: string;
  /** What validation makes of it: a validated (unpublished) version, or a failed upload with its report. */
  outcome: 'validated' | 'failed';
}

export const DEMO_SAMPLES: readonly DemoSample[] = [
  {
    tenant: 'acme-mobile', slug: 'eg-face-recognition', name: 'Face Recognition (EdgeGallery sample)', nameZh: '人脸识别（EdgeGallery 样例）', provider: 'Huawei', category: 'video-analytics',
    descriptionEn: 'EdgeGallery\'s face recognition sample package, imported unchanged: it validates, with warnings for its legacy `app_*` manifest keys, its top folder and its missing digests.',
    descriptionZh: 'EdgeGallery 的人脸识别样例包，原样导入：校验通过，但对旧式 `app_*` 清单键、顶层目录和缺失的摘要给出警告。',
    file: 'face_recognition1.4.csar', version: '1.4', outcome: 'validated',
  },
  {
    tenant: 'acme-mobile', slug: 'eg-positioning-service', name: 'Positioning Service (EdgeGallery sample)', nameZh: '定位服务（EdgeGallery 样例）', provider: 'EdgeGallery', category: 'other',
    descriptionEn: 'EdgeGallery\'s app store test package: its CMS-signed manifest verifies, but the signer is not in this store\'s trust store.',
    descriptionZh: 'EdgeGallery 应用商店的测试包：清单的 CMS 签名校验通过，但签名者不在本商店的信任列表中。',
    file: 'test2048_1.0.csar', version: '1.0', outcome: 'validated',
  },
  {
    tenant: 'acme-mobile', slug: 'eg-sample-app', name: 'Sample App (EdgeGallery sample)', nameZh: '样例应用（EdgeGallery 样例）', provider: 'EdgeGallery', category: 'other',
    descriptionEn: 'EdgeGallery\'s MEC manager sample package. Its manifest gives both Sources one copy-pasted digest that matches neither file, so validation fails it.',
    descriptionZh: 'EdgeGallery MEC 管理器的样例包。其清单为两个 Source 填写了同一个复制粘贴的摘要，与两个文件都不符，因此校验失败。',
    file: 'sampleapp.csar', version: '1.0.0', outcome: 'failed',
  },
  {
    tenant: 'acme-mobile', slug: 'eg-ar-no-manifest', name: 'AR App without manifest (EdgeGallery sample)', nameZh: '无清单的 AR 应用（EdgeGallery 样例）', provider: 'EdgeGallery', category: 'ar-vr',
    descriptionEn: 'EdgeGallery\'s test platform sample without TOSCA.meta and without a manifest: the package is refused.',
    descriptionZh: 'EdgeGallery 测试平台的样例，既没有 TOSCA.meta 也没有清单：该包被拒绝。',
    file: 'ARNoMfTosca.csar', version: '1.0', outcome: 'failed',
  },
];
