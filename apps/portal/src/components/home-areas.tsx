'use client';
/** The home page's list of areas this viewer can use (the same rule as the navbar). */
import { Anchor, Group, List, Text, ThemeIcon } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { useViewer } from '@/auth/use-viewer';
import { visibleAreas } from '@/navigation/areas';
import { AreaIcon } from './area-icon';

export function HomeAreas() {
  const t = useTranslations();
  const { status } = useAuth();
  const viewer = useViewer();
  return (
    <>
      <List spacing="sm" listStyleType="none" data-testid="home-areas">
        {visibleAreas(viewer).map((area) => (
          <List.Item key={area.id}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size="md" aria-hidden="true"><AreaIcon id={area.id} size={16} /></ThemeIcon>
              <div>
                <Anchor component={Link} href={area.href} fw={600}>{t(`areas.${area.id}.title`)}</Anchor>
                <Text size="sm" c="dimmed">{t(`areas.${area.id}.description`)}</Text>
              </div>
            </Group>
          </List.Item>
        ))}
      </List>
      {status === 'anonymous' && <Text size="sm" mt="sm">{t('home.signInForMore')}</Text>}
    </>
  );
}
