/**
 * Hello Edge (packages/app-package/examples/hello-edge), the demo app the local MEP agent runs:
 * a process bundle that speaks Mp1. Built with the codec's builder at the demo release date (the
 * same bytes every time), uploaded, validated and published by Acme Mobile's developer.
 */
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import { type TDemoDeps, demoActor, demoDeveloper, demoUploadId } from './demo-context';
import { DEMO_RELEASE_DATE } from './build-demo-package';
import { type TDemoImportResult, countRestore } from './demo-result';
import { ensureDemoApp } from './ensure-demo-app';
import { restoreBlob, uploadLocalPackage, type TWritePackage } from './upload-local-package';
import { publishVersion } from '../store';

export const HELLO_EDGE_DIR = path.resolve(import.meta.dirname, '../../../app-package/examples/hello-edge');
export const HELLO_EDGE = { tenant: 'acme-mobile', slug: 'hello-edge', version: '1.0.0' } as const;

/** The published Hello Edge version's id, or null when it could not be published (said in `result.problems`). */
export async function importHelloEdge(deps: TDemoDeps, result: TDemoImportResult): Promise<string | null> {
  const developer = await demoActor(deps.db, demoDeveloper(HELLO_EDGE.tenant));
  const appId = await ensureDemoApp(deps, developer, {
    slug: HELLO_EDGE.slug, name: 'Hello Edge', nameZh: '你好边缘', provider: 'MECport Demo', category: 'other', tags: ['demo', 'mp1', 'process'],
    descriptionEn: 'The smallest MEC app: registers a greeting service on Mp1, confirms ready and answers `/hello`. The local demo node runs it.',
    descriptionZh: '最小的 MEC 应用：通过 Mp1 注册问候服务、确认就绪并响应 `/hello`。本地演示节点运行它。',
  }, result);
  const write: TWritePackage = async (target) => { await buildPackage({ dir: HELLO_EDGE_DIR, out: target, releaseDate: DEMO_RELEASE_DATE }); };
  const upload = await uploadLocalPackage(deps, developer, {
    uploadId: demoUploadId(HELLO_EDGE.tenant, HELLO_EDGE.slug, HELLO_EDGE.version), appId, version: HELLO_EDGE.version, filename: 'hello-edge-1.0.0.csar', write,
  });
  if (upload.uploaded) result.packagesUploaded += 1;
  if (!upload.versionId) {
    result.problems.push(`Hello Edge did not validate: ${upload.error ?? upload.state}`);
    return null;
  }
  const version = await deps.db.appVersion.findUniqueOrThrow({ where: { id: upload.versionId }, select: { status: true, packageDigest: true } });
  if (!upload.uploaded) countRestore(result, 'Hello Edge', await restoreBlob(deps, version.packageDigest, write));
  if (version.status === 'validated') {
    await publishVersion(deps.db, developer, appId, upload.versionId);
    result.versionsPublished += 1;
  }
  return upload.versionId;
}
