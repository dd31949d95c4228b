/**
 * Input fields that hold URLs or address ranges, judged by the one URL policy
 * (@mecport/url-policy) and refused with a 400 that names the field: listing media a browser
 * will fetch for whoever views the listing, and a node's callback allow-list.
 *
 * @example assertPublicUrls({ iconUrl: input.iconUrl, screenshots: input.screenshots }); // throws on http://127.0.0.1/x.png
 */
import type { TFieldError } from '@mecport/contracts';
import { validationError } from '@mecport/contracts/input';
import { checkUrlText, parseAllowCidrs, PUBLIC_ONLY } from '@mecport/url-policy';

type TUrlFields = Record<string, string | null | undefined | readonly string[]>;

/**
 * Refuses URLs whose literal host is not a public address (loopback, link-local, private, ... in
 * any spelling, and `localhost`). Names are not resolved here: the browser that fetches them
 * resolves them on its own network.
 */
export function assertPublicUrls(fields: TUrlFields): void {
  const errors: TFieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const urls = typeof value === 'string' ? [[field, value] as const] : (value ?? []).map((url, i) => [`${field}.${i}`, url] as const);
    for (const [name, url] of urls) {
      const verdict = checkUrlText(url, PUBLIC_ONLY);
      if (!verdict.ok) errors.push({ in: 'body', field: name, message: `refused: ${verdict.reason}; give a URL on a public address` });
    }
  }
  if (errors.length > 0) throw validationError(errors);
}

/** The ranges, normalised (network address, no duplicates), or a 400 naming each refused entry. */
export function normaliseCallbackAllowCidrs(cidrs: readonly string[]): string[] {
  const parsed = parseAllowCidrs(cidrs);
  if (parsed.ok) return parsed.cidrs;
  throw validationError(parsed.errors.map(({ index, reason }) => ({ in: 'body', field: `callbackAllowCidrs.${index}`, message: reason })));
}
