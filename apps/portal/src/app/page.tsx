/** Home: what MECport is, its three audiences, and the areas this viewer can use. */
import { Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingBroadcastTower, IconCertificate, IconCode } from '@tabler/icons-react';
import { getTranslations } from 'next-intl/server';
import { HomeAreas } from '@/components/home-areas';

const AUDIENCES = [
  { id: 'developers', Icon: IconCode },
  { id: 'operators', Icon: IconBuildingBroadcastTower },
  { id: 'curators', Icon: IconCertificate },
] as const;

export default async function HomePage() {
  const t = await getTranslations('home');
  return (
    <Stack gap="xl" maw={1000}>
      <Stack gap="sm">
        <Title order={1}>{t('title')}</Title>
        <Text size="lg" maw={760}>{t('lead')}</Text>
      </Stack>

      <section aria-labelledby="audiences-heading">
        <Title order={2} size="h3" id="audiences-heading" mb="sm">{t('audiencesTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {AUDIENCES.map(({ id, Icon }) => (
            <Card key={id} withBorder padding="lg" data-testid={`audience-${id}`}>
              <ThemeIcon variant="light" size="lg" mb="sm" aria-hidden="true"><Icon size={20} stroke={1.6} /></ThemeIcon>
              <Title order={3} size="h4" mb={4}>{t(`audiences.${id}.title`)}</Title>
              <Text size="sm">{t(`audiences.${id}.body`)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="areas-heading">
        <Title order={2} size="h3" id="areas-heading" mb="sm">{t('yourAreas')}</Title>
        <HomeAreas />
      </section>
    </Stack>
  );
}
