'use client';
/** One app in the catalog: icon, name in the UI language, provider, category, tags, rating, downloads, certified badge. */
import type { TCatalogItem } from '@mecport/contracts';
import { Anchor, Badge, Card, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCertificate, IconDownload } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { AppIcon } from '@/components/ui/app-icon';
import { localizedName } from '@/components/ui/localized-text';
import { RatingStars } from './rating-stars';

export function CatalogCard({ item }: { item: TCatalogItem }) {
  const t = useTranslations('store');
  const locale = useLocale();
  const format = useFormatter();
  const name = localizedName(item, locale);
  const excerpt = (locale.startsWith('zh') && item.excerptZh.trim() ? item.excerptZh : item.excerptEn).replace(/[*_`#]/g, '');
  return (
    <Card withBorder padding="md" radius="md" component="article" data-testid="catalog-card" data-slug={item.slug} aria-labelledby={`app-${item.id}`}>
      <Stack gap="xs" h="100%">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <AppIcon name={item.name} iconUrl={item.iconUrl} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} href={`/store/${item.id}`} fw={600} id={`app-${item.id}`} data-testid="catalog-card-link" lineClamp={2}>
              {name}
            </Anchor>
            <Text size="sm" c="dimmed" data-testid="catalog-card-provider">{item.provider}</Text>
          </Stack>
        </Group>
        <Group gap={6}>
          <Badge variant="light" color="gray">{t(`categories.${item.category}`)}</Badge>
          {item.certified && (
            <Badge variant="light" color="green" leftSection={<IconCertificate size={12} aria-hidden="true" />} data-testid="certified-badge">
              {t('catalog.certified')}
            </Badge>
          )}
        </Group>
        {excerpt && <Text size="sm" lineClamp={2}>{excerpt}</Text>}
        {item.tags.length > 0 && (
          <Group gap={4} role="group" aria-label={t('catalog.tags')}>
            {item.tags.slice(0, 5).map((tag) => <Badge key={tag} size="xs" variant="outline" color="blue" tt="none">{tag}</Badge>)}
          </Group>
        )}
        <Group justify="space-between" mt="auto" pt="xs">
          <RatingStars rating={item.rating} size="xs" />
          <Group gap={4} wrap="nowrap">
            <IconDownload size={14} aria-hidden="true" />
            <Text size="sm" c="dimmed" aria-hidden="true" data-testid="catalog-card-downloads">{format.number(item.downloads)}</Text>
            <VisuallyHidden>{t('catalog.downloads', { count: item.downloads })}</VisuallyHidden>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">v{item.latestVersion.version} · {item.architectures.join(', ')}</Text>
      </Stack>
    </Card>
  );
}
