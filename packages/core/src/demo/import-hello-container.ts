/**
 * Hello Container (examples/hello-container), the container sample: a busybox image that
 * registers a service over Mp1. Published by Acme Mobile's developer, and NOT deployed by
 * `npm start`: the operator deploys it from the edge map to the demo node (whose runtime setting is
 * Podman). Its image is made here by the sample's own builder (no podman; the same busybox gives
 * the same bytes), so the demo needs nothing built beforehand. Without busybox-static the sample is
 * not published and the start-up log says so plainly.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSample, sampleUnavailable } from '@mecport/example-hello-container/build-sample';
import type { TDemoDeps } from './demo-context';
import type { TDemoImportResult } from './demo-result';
import { importProcessDemoApp } from './import-process-app';
import type { TWritePackage } from './upload-local-package';

export const HELLO_CONTAINER = { tenant: 'acme-mobile', slug: 'hello-container', version: '1.0.0' } as const;

/** Builds the sample's CSAR (image archive included) and copies it to `target`. */
const writeHelloContainer: TWritePackage = async (target) => {
  const distDir = await mkdtemp(path.join(tmpdir(), 'mecport-demo-hello-container-'));
  try {
    const built = await buildSample({ distDir });
    if ('unavailable' in built) throw new Error(built.unavailable);
    await copyFile(built.csar, target);
  } finally {
    await rm(distDir, { recursive: true, force: true });
  }
};

/** The published version's id, or null when it is unavailable or could not be published (said in `result.problems`). */
export async function importHelloContainer(deps: TDemoDeps, result: TDemoImportResult, busyboxPath?: string): Promise<string | null> {
  const unavailable = await sampleUnavailable(busyboxPath);
  if (unavailable) {
    result.problems.push(unavailable);
    return null;
  }
  return importProcessDemoApp(deps, result, {
    tenant: HELLO_CONTAINER.tenant, version: HELLO_CONTAINER.version, write: writeHelloContainer,
    listing: {
      slug: HELLO_CONTAINER.slug, name: 'Hello Container', nameZh: '你好容器', provider: 'MECport Demo', category: 'other', tags: ['demo', 'mp1', 'container'],
      descriptionEn: 'The container sample: a busybox image (shipped inside the package, its digest pinned) whose shell script gets an Mp1 token, registers a `hello-container` service, confirms ready and serves its page. Deploy it from the edge map to a node that runs Podman.',
      descriptionZh: '容器示例：一个 busybox 镜像（随包提供，镜像摘要已固定），其 shell 脚本获取 Mp1 令牌、注册 `hello-container` 服务、确认就绪并提供页面。可在边缘地图上将其部署到运行 Podman 的节点。',
    },
  });
}
