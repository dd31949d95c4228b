'use client';
/** A read-only star average with its count ("★★★★☆ 4.5 (3)"), labelled for screen readers. */
import { Group, Rating, Text } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import type { TRatingSummary } from '@mecport/contracts';

export function RatingStars({ rating, size = 'sm' }: { rating: TRatingSummary; size?: 'xs' | 'sm' | 'md' }) {
  const t = useTranslations('store.rating');
  const format = useFormatter();
  const label = rating.average === null
    ? t('none')
    : t('summary', { average: format.number(rating.average, { maximumFractionDigits: 1 }), count: rating.count });
  return (
    <Group gap={6} wrap="nowrap" data-testid="rating-summary" data-count={rating.count} role="img" aria-label={label}>
      <Rating value={rating.average ?? 0} fractions={2} readOnly size={size} aria-hidden="true" />
      <Text size="sm" c="dimmed" aria-hidden="true">
        {rating.average === null ? t('none') : `${format.number(rating.average, { maximumFractionDigits: 1 })} (${format.number(rating.count)})`}
      </Text>
    </Group>
  );
}
