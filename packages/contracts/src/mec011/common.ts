/** Building blocks shared by both MEC 011 APIs (formats the ETSI schemas declare). */
import { z } from 'zod';

/** `format: uint32` in the ETSI files. */
export const zUint32 = z.int().min(0).max(0xffff_ffff);

/**
 * `format: uri` where MEC 011's own examples are URI references (RFC 3986 §4.1): a category's
 * `href` (`/example/catalogue1`), an endpoint's `uris` and an OAuth2 `tokenEndpoint` are given as
 * relative references in the spec, so an absolute URI or a relative reference is accepted and
 * echoed as sent. Whitespace and control characters are refused; the rest must parse as a URL
 * reference.
 */
export const zUriReference = z
  .string()
  .min(1)
  .max(2048)
  .refine((s) => !/[\s\u0000-\u001f\u007f]/.test(s) && URL.canParse(s, 'http://base.invalid/'), { message: 'must be a URI or a relative URI reference (RFC 3986)' });

/** Where the MEP may POST notifications: only plain HTTP(S) URLs. */
export const zCallbackUrl = z
  .string()
  .max(2048)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { message: 'must be an absolute http(s) URL' });

/** An identifier the MEP or the AppD assigns: non-empty, bounded, safe in a URL path segment. */
export const zId = z.string().min(1).max(256);

export interface TLinkType { href: string }
