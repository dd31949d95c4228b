'use client';
/** A version's lifecycle status as a coloured badge. */
import type { TAppVersionStatus } from '@mecport/contracts';
import { Badge } from '@mantine/core';
import { useTranslations } from 'next-intl';

const COLORS: Record<TAppVersionStatus, string> = {
  draft: 'gray', validated: 'blue', in_certification: 'yellow', certified: 'teal', published: 'green', deprecated: 'orange',
};

export function VersionStatusBadge({ status }: { status: TAppVersionStatus }) {
  const t = useTranslations('developer.status');
  return <Badge variant="light" color={COLORS[status]} data-testid="version-status" data-status={status}>{t(status)}</Badge>;
}
