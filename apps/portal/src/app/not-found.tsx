import { Anchor, Stack, Text, Title } from '@mantine/core';
import { getTranslations } from 'next-intl/server';

// A plain link (full page load): a server component cannot hand next/link to Mantine's client Anchor.

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <Stack gap="sm" data-testid="not-found">
      <Title order={1}>{t('title')}</Title>
      <Text>{t('body')}</Text>
      <Anchor href="/">{t('home')}</Anchor>
    </Stack>
  );
}
