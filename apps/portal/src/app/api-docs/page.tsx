/** The API reference, rendered in the browser from `/api/openapi.json`. Public. */
import { Stack, Text, Title } from '@mantine/core';
import { getTranslations } from 'next-intl/server';
import { ApiReference } from '@/components/api-docs/api-reference';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('apiDocs');

export default async function ApiDocsPage() {
  const t = await getTranslations('areas.apiDocs');
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text>{t('description')}</Text>
      </Stack>
      <ApiReference />
    </Stack>
  );
}
