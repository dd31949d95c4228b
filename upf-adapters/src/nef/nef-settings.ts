/**
 * A `nef` node's data-plane settings (strings, as ZDataPlane carries them), validated once when the
 * adapter is built. No secret is a setting: the OAuth2 client secret is the agent's environment
 * variable MECPORT_NEF_CLIENT_SECRET.
 *
 * @example
 *   ZNefSettings.parse({ apiRoot: 'https://nef.operator.example', afId: 'mecport', dnai: 'edge-paris-1', dnn: 'internet', snssaiSst: '1' })
 */
import { z } from 'zod';
import { oauthComplete, zApiUrl, zIntString, zOAuthSettings } from '../api-client/settings-values';

export const NEF_SECRET_VARIABLE = 'MECPORT_NEF_CLIENT_SECRET';

export const ZNefSettings = z
  .object({
    apiRoot: zApiUrl.describe('The NEF northbound API root; /3gpp-traffic-influence/v1 and /3gpp-eas-deployment/v1 are below it'),
    afId: z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/, 'letters, digits and . _ ~ - (it is a path segment)').describe('This AF\'s identifier at the NEF'),
    dnai: z.string().min(1).max(256).describe('The DNAI of this node: where trafficRoutes steer to'),
    dnn: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'a DNN, labels separated by dots').max(100).optional(),
    snssaiSst: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.int().min(0).max(255)).optional(),
    snssaiSd: z.string().regex(/^[A-Fa-f0-9]{6}$/, '6 hexadecimal digits').optional(),
    /** A routing profile the operator configured for this DNAI; without it the rule's destination address becomes routeInfo. */
    routeProfId: z.string().min(1).max(256).optional(),
    notificationDestination: zApiUrl.optional().describe('Where the NEF sends UP_PATH_CHANGE notifications (the agent\'s callback)'),
    dnaiChgType: z.enum(['EARLY', 'EARLY_LATE', 'LATE']).default('EARLY_LATE'),
    /** `on` (default): DNS rules go to the NEF as EAS deployment information; `off`: the agent's DNS server alone answers them. */
    easDeployment: z.enum(['on', 'off']).default('on'),
    requestTimeoutMs: zIntString(100, 60_000, 5_000),
    ...zOAuthSettings,
  })
  .superRefine((s, ctx) => {
    oauthComplete(s, ctx);
    if (s.snssaiSd && s.snssaiSst === undefined) ctx.addIssue({ code: 'custom', path: ['snssaiSst'], message: 'snssaiSd needs snssaiSst' });
  });
export type TNefSettings = z.infer<typeof ZNefSettings>;
