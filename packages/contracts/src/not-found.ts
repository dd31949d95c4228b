/**
 * "Not found in your tenant" as one coded error: the problem keeps the English `detail` for API
 * users and carries machine fields (`resource`, `resourceId`, and `appId` for a version or an
 * upload of an app) from which the portal renders the message in the reader's language.
 * Loads only `./errors`.
 *
 * @example throw notFoundInTenant('edge-node', nodeId); // 404, detail "No edge node … in your tenant"
 */
import { AppError } from './errors';

export const TENANT_RESOURCES = ['app', 'app-version', 'upload', 'edge-node', 'node-group', 'alarm', 'deployment', 'app-instance', 'audit-event', 'sandbox'] as const;
export type TTenantResource = (typeof TENANT_RESOURCES)[number];

const NAMES: Record<TTenantResource, string> = {
  app: 'app', 'app-version': 'version', upload: 'upload', 'edge-node': 'edge node', 'node-group': 'node group', alarm: 'alarm',
  deployment: 'deployment', 'app-instance': 'app instance', 'audit-event': 'audit event', sandbox: 'sandbox',
};

export function notFoundInTenant(resource: TTenantResource, id: string, of?: { appId: string }): AppError {
  const ofApp = of ? ` of app ${of.appId}` : '';
  return new AppError('not-found', `No ${NAMES[resource]} ${id}${ofApp} in your tenant`, { extensions: { resource, resourceId: id, ...(of ? { appId: of.appId } : {}) } });
}
