'use client';
/** The badges of a capability: kind, featured, deprecated, hidden, emulated by the sandbox or not. */
import type { TCapabilitySummary } from '@mecport/contracts';
import { Badge, Group } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';

export function CapabilityBadges({ c }: { c: TCapabilitySummary }) {
  const t = useTranslations('capabilities');
  return (
    <Group gap={6}>
      <Badge variant="light" color={c.kind === 'platform' ? 'indigo' : 'teal'} data-testid="capability-kind">{t(`kinds.${c.kind}`)}</Badge>
      <Badge variant="light" color="gray" tt="none" data-testid="capability-category">{c.category}</Badge>
      {c.featured && <Badge variant="light" color="yellow" leftSection={<IconStarFilled size={10} aria-hidden="true" />} data-testid="capability-featured">{t('featured')}</Badge>}
      {c.deprecated && <Badge variant="outline" color="red" data-testid="capability-deprecated">{t('deprecated')}</Badge>}
      {c.hidden && <Badge variant="outline" color="gray" data-testid="capability-hidden">{t('hidden')}</Badge>}
      {c.emulated === true && <Badge variant="light" color="green" data-testid="capability-emulated">{t('emulated')}</Badge>}
      {c.emulated === false && <Badge variant="outline" color="gray" data-testid="capability-not-emulated">{t('notEmulated')}</Badge>}
    </Group>
  );
}
