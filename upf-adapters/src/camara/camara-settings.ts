/**
 * A `camara` node's data-plane settings (strings, as ZDataPlane carries them). The node is one
 * Edge Cloud Zone of the operator platform; `appIds` maps an instance's AppD id to the appId the
 * operator platform gave the app when it was onboarded (an AppD id that is itself a UUID is used
 * as it is). The OAuth2 client secret is the agent's environment variable MECPORT_CAMARA_CLIENT_SECRET.
 *
 * @example
 *   ZCamaraSettings.parse({ apiRoot: 'https://op.example/api', apiConsumerId: 'mecport', edgeCloudZoneId: '…uuid…', appIds: '{"hello-edge":"…uuid…"}' })
 */
import { z } from 'zod';
import { oauthComplete, zApiUrl, zIntString, zOAuthSettings } from '../api-client/settings-values';

export const CAMARA_SECRET_VARIABLE = 'MECPORT_CAMARA_CLIENT_SECRET';

const zAppIds = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"<appDId>": "<operator platform appId (UUID)>"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1).max(256), z.uuid()).refine((m) => Object.keys(m).length <= 500, 'at most 500 apps'));

export const ZCamaraSettings = z
  .object({
    apiRoot: zApiUrl.describe('The operator platform\'s API root; /traffic-influence/v0.10 is below it'),
    apiConsumerId: z.string().min(1).max(256),
    edgeCloudZoneId: z.uuid().describe('The Edge Cloud Zone this node is'),
    appIds: zAppIds.optional().transform((v) => v ?? {}),
    requestTimeoutMs: zIntString(100, 60_000, 5_000),
    /** How long an intent may take from `ordered` to `active` before its rule is reported failed. */
    activationTimeoutMs: zIntString(100, 600_000, 30_000),
    activationPollMs: zIntString(10, 60_000, 500),
    ...zOAuthSettings,
  })
  .superRefine(oauthComplete);
export type TCamaraSettings = z.infer<typeof ZCamaraSettings>;
