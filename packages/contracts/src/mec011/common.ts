/** Building blocks shared by both MEC 011 APIs (formats the ETSI schemas declare). */
import { z } from 'zod';

/** `format: uint32` in the ETSI files. */
export const zUint32 = z.int().min(0).max(0xffff_ffff);

/**
 * `format: uri`: an absolute URI (RFC 3986, with a scheme). Responses echo these values and the
 * ETSI schemas require absolute URIs, so relative references are refused on the way in.
 */
export const zAbsoluteUri = z
  .string()
  .max(2048)
  .refine((s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s) && URL.canParse(s), { message: 'must be an absolute URI (with a scheme)' });

/** Where the MEP may POST notifications: only plain HTTP(S) URLs. */
export const zCallbackUrl = z
  .string()
  .max(2048)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { message: 'must be an absolute http(s) URL' });

/** An identifier the MEP or the AppD assigns: non-empty, bounded, safe in a URL path segment. */
export const zId = z.string().min(1).max(256);

export interface TLinkType { href: string }
