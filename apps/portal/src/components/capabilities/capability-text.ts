/** A capability's title and description in the UI language (the other language's when one is empty). Pure. */
import type { TCapabilitySummary } from '@mecport/contracts';

const isZh = (locale: string) => locale.startsWith('zh');

export function capabilityTitle(c: Pick<TCapabilitySummary, 'title' | 'titleZh'>, locale: string): string {
  return isZh(locale) && c.titleZh ? c.titleZh : c.title;
}

export function capabilityDescription(c: Pick<TCapabilitySummary, 'description' | 'descriptionZh'>, locale: string): string {
  return (isZh(locale) ? c.descriptionZh || c.description : c.description || c.descriptionZh).trim();
}

/** The portal page of a capability. */
export function capabilityHref(c: Pick<TCapabilitySummary, 'id'>): string {
  return `/capabilities/${encodeURIComponent(c.id)}`;
}

/** The API path of a capability. */
export function capabilityApiPath(c: Pick<TCapabilitySummary, 'id'>): string {
  return `/api/v1/capabilities/${encodeURIComponent(c.id)}`;
}
