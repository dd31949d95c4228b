'use client';
/** One capability in the catalog: title in the UI language, serName, badges, description, versions and counts. */
import type { TCapabilitySummary } from '@mecport/contracts';
import { Anchor, Card, Code, Stack, Text } from '@mantine/core';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { CapabilityBadges } from './capability-badges';
import { capabilityDescription, capabilityHref, capabilityTitle } from './capability-text';

export function CapabilityCard({ c }: { c: TCapabilitySummary }) {
  const t = useTranslations('capabilities');
  const locale = useLocale();
  const description = capabilityDescription(c, locale);
  return (
    <Card withBorder padding="md" radius="md" component="article" data-testid="capability-card" data-capability={`${c.kind}/${c.name}`} data-capability-id={c.id}>
      <Stack gap="xs" h="100%">
        <Anchor component={Link} href={capabilityHref(c)} fw={600} data-testid="capability-link">{capabilityTitle(c, locale)}</Anchor>
        {c.kind === 'service' && <Code fz="xs" w="fit-content">{c.name}</Code>}
        <CapabilityBadges c={c} />
        {description && <Text size="sm" lineClamp={3} data-testid="capability-description">{description}</Text>}
        <Text size="xs" c="dimmed" mt="auto" data-testid="capability-counts">
          {c.versions.length > 0 && `${t('versions', { versions: c.versions.join(', ') })} · `}
          {t('counts', { consumers: c.consumers, producers: c.producers, nodes: c.liveNodes })}
        </Text>
      </Stack>
    </Card>
  );
}
