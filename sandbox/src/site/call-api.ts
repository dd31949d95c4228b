/** Which MEC API a path belongs to, for the call record's `api` (ZSandboxCallApi). */
import type { TSandboxCall } from '@mecport/contracts/sandbox';

const PREFIXES: ReadonlyArray<[string, TSandboxCall['api']]> = [
  ['/mec_app_support/', 'mp1-app-support'],
  ['/mec_service_mgmt/', 'mp1-service-mgmt'],
  ['/oauth2/token', 'mp1-app-support'],
  ['/location/', 'location'],
  ['/rni/', 'rnis'],
  ['/ui/', 'ue-identity'],
  ['/bwm/', 'bwm'],
  ['/mts/', 'bwm'],
];

export function callApiOf(path: string): TSandboxCall['api'] {
  return PREFIXES.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 'other';
}
