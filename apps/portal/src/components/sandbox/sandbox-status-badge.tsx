'use client';
/** A sandbox's status as a coloured badge (failed is red; the reason is shown beside it by the page). */
import type { TSandboxStatus } from '@mecport/contracts/sandbox';
import { Badge } from '@mantine/core';
import { useTranslations } from 'next-intl';

const COLORS: Record<TSandboxStatus, string> = { starting: 'yellow', ready: 'blue', running: 'green', paused: 'gray', failed: 'red' };

export function SandboxStatusBadge({ status }: { status: TSandboxStatus }) {
  const t = useTranslations('sandbox.status');
  return <Badge variant="light" color={COLORS[status]} data-testid="sandbox-status" data-status={status}>{t(status)}</Badge>;
}
