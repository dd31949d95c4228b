/**
 * Every route this server answers, as `{ method, path, handle }`: each route declaration of
 * `../routes` (through its `handle`, or the wrapper that serves it, e.g. MEC 010-2's absolute
 * problem `instance`), plus the two tus methods the declarations do not model (HEAD, OPTIONS).
 *
 * When you would edit this: a route module serves a declaration through a wrapper, or a method
 * that is not declared with `api.route`. A plain new declaration needs nothing here.
 */
import type { TRouteHandler } from '@mecport/http';
import { api } from '../api';
import {
  headUpload, mec010GetAppPackage, mec010GetAppPackageAppd, mec010GetAppPackageAppdRoute, mec010GetAppPackageContent, mec010GetAppPackageContentRoute,
  mec010GetAppPackageRoute, mec010ListAppPackages, mec010ListAppPackagesRoute, uploadOptions,
} from '../routes';

export type TServedMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface TServedRoute {
  method: TServedMethod;
  /** OpenAPI form, as declared: `/api/v1/edge/nodes/{nodeId}`. */
  path: string;
  /** The operation it serves (an undeclared method names the declared one it belongs to). */
  operationId: string;
  handle: TRouteHandler;
}

function servedWrappers(): Map<string, TRouteHandler> {
  return new Map([
    [mec010ListAppPackagesRoute.operationId, mec010ListAppPackages],
    [mec010GetAppPackageRoute.operationId, mec010GetAppPackage],
    [mec010GetAppPackageAppdRoute.operationId, mec010GetAppPackageAppd],
    [mec010GetAppPackageContentRoute.operationId, mec010GetAppPackageContent],
  ]);
}

/** The tus methods beside the declared POST, PATCH and DELETE of `/api/v1/uploads`. */
const TUS_EXTRAS: TServedRoute[] = [
  { method: 'HEAD', path: '/api/v1/uploads/{uploadId}', operationId: 'appendUpload', handle: (request, context) => headUpload(request, context!) },
  { method: 'OPTIONS', path: '/api/v1/uploads', operationId: 'createUpload', handle: uploadOptions },
  { method: 'OPTIONS', path: '/api/v1/uploads/{uploadId}', operationId: 'appendUpload', handle: uploadOptions },
];

export function servedRoutes(): TServedRoute[] {
  const wrappers = servedWrappers();
  const declared = api.routes.map((route): TServedRoute => ({
    method: route.method, path: route.path, operationId: route.operationId, handle: wrappers.get(route.operationId) ?? route.handle,
  }));
  return [...declared, ...TUS_EXTRAS];
}
