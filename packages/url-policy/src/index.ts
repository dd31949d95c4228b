/**
 * @mecport/url-policy: which URLs MECport may fetch, or make a browser fetch, on someone's behalf.
 * One policy for every caller (Mp1 callbacks on the agent, listing media in the portal):
 * http(s) only; loopback only on explicitly allowed ports; link-local, private, unique-local,
 * CGNAT, multicast, broadcast, unspecified and other special-purpose addresses refused in every
 * spelling, unless inside an operator allow-listed range; names judged by every address they
 * resolve to, connected to the checked address; redirects never followed; time and size bounded.
 */
export { parseAddress, RANGE_WORDS, type TAddress, type TAddressRange } from './address-range';
export { MAX_ALLOW_CIDRS, parseAllowCidr, parseAllowCidrs } from './allow-cidrs';
export { judgeAddress, PUBLIC_ONLY, type TUrlPolicy, type TVerdict } from './policy';
export { ALLOWED_PROTOCOLS, checkUrl, checkUrlText, type TCheckedUrl, type TLookup, type TTarget, type TTargetVerdict } from './check-url';
export { ResponseTooLargeError, SendTimeoutError, sendChecked, UrlRefusedError, type TSendOptions, type TSendResult } from './send-checked';
