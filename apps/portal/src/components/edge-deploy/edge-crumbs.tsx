'use client';
/** The breadcrumbs of the deployment, instance and alarm pages: Edge map › section › this page. */
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';

export function EdgeCrumbs({ trail, current }: { trail?: { href: string; label: string }[]; current?: string }) {
  const t = useTranslations('areas.edgeMap');
  return (
    <Breadcrumbs data-testid="edge-crumbs">
      <Anchor component={Link} href="/edge-map" size="sm">{t('title')}</Anchor>
      {trail?.map((c) => <Anchor key={c.href} component={Link} href={c.href} size="sm">{c.label}</Anchor>)}
      {current && <Text size="sm">{current}</Text>}
    </Breadcrumbs>
  );
}
