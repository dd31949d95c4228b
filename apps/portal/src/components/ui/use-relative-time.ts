'use client';
/**
 * "3 minutes ago" against a clock that ticks, instead of next-intl's fallback to the current time
 * (which it reports as an ENVIRONMENT_FALLBACK error on every render, issue 10). No global `now` is
 * configured on purpose: the root layout's provider outlives client navigations, so a per-request
 * `now` would age while the user moves around.
 *
 * @example const relative = useRelativeTime(); relative(new Date(node.lastHeartbeatAt));
 */
import { useFormatter, useNow } from 'next-intl';
import { useCallback } from 'react';

const TICK_MS = 15_000;

export function useRelativeTime(): (date: Date) => string {
  const format = useFormatter();
  const now = useNow({ updateInterval: TICK_MS });
  return useCallback((date: Date) => format.relativeTime(date, now), [format, now]);
}
