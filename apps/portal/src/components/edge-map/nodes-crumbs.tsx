'use client';
/** Breadcrumbs of the node pages: Edge map › Nodes › this page. */
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';

export function NodesCrumbs({ current }: { current?: string }) {
  const t = useTranslations();
  return (
    <Breadcrumbs data-testid="nodes-crumbs">
      <Anchor component={Link} href="/edge-map" size="sm">{t('areas.edgeMap.title')}</Anchor>
      <Anchor component={Link} href="/edge-map/nodes" size="sm">{t('edgeMap.tabs.nodes')}</Anchor>
      {current && <Text size="sm">{current}</Text>}
    </Breadcrumbs>
  );
}
