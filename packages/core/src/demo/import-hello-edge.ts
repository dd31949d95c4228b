/**
 * Hello Edge (packages/app-package/examples/hello-edge), the demo app the local MEP agent runs:
 * a process bundle that speaks Mp1. Built with the codec's builder at the demo release date (the
 * same bytes every time), uploaded, validated and published by Acme Mobile's developer.
 */
import path from 'node:path';
import type { TDemoDeps } from './demo-context';
import type { TDemoImportResult } from './demo-result';
import { importProcessDemoApp } from './import-process-app';

export const HELLO_EDGE_DIR = path.resolve(import.meta.dirname, '../../../app-package/examples/hello-edge');
export const HELLO_EDGE = { tenant: 'acme-mobile', slug: 'hello-edge', version: '1.0.0' } as const;

/** The published Hello Edge version's id, or null when it could not be published (said in `result.problems`). */
export function importHelloEdge(deps: TDemoDeps, result: TDemoImportResult): Promise<string | null> {
  return importProcessDemoApp(deps, result, {
    tenant: HELLO_EDGE.tenant, version: HELLO_EDGE.version, dir: HELLO_EDGE_DIR,
    listing: {
      slug: HELLO_EDGE.slug, name: 'Hello Edge', nameZh: '你好边缘', provider: 'MECport Demo', category: 'other', tags: ['demo', 'mp1', 'process'],
      descriptionEn: 'The smallest MEC app: registers a greeting service on Mp1, confirms ready and answers `/hello`. The local demo node runs it.',
      descriptionZh: '最小的 MEC 应用：通过 Mp1 注册问候服务、确认就绪并响应 `/hello`。本地演示节点运行它。',
    },
  });
}
