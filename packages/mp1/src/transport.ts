/** The transport the MEP offers when the host configures none: the Mp1 REST API itself, with its OAuth2 token endpoint. */
import type { Links } from './http/links';
import type { TTransportInfo } from '@mecport/contracts/mec011';

export const MP1_TRANSPORT_ID = 'mp1-rest';

export function mp1Transport(links: Links): TTransportInfo {
  return {
    id: MP1_TRANSPORT_ID, name: 'REST', description: 'REST over HTTP; bearer tokens from the OAuth2 client credentials grant',
    type: 'REST_HTTP', protocol: 'HTTP', version: '1.1',
    endpoint: { uris: [links.root] },
    security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'], tokenEndpoint: links.tokenEndpoint() } },
  };
}
