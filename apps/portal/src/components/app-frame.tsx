'use client';
/**
 * The page frame: skip link, header (name, language switch, account), navbar (collapses behind a
 * burger below the `sm` breakpoint) and the main region that pages render into.
 */
import { Anchor, AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { AuthErrorAlert } from './auth-error-alert';
import { LanguageSwitch } from './language-switch';
import { NavLinks } from './nav-links';
import { UserMenu } from './user-menu';

export const MAIN_CONTENT_ID = 'main-content';

export function AppFrame({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const t = useTranslations();

  return (
    <>
      <a href={`#${MAIN_CONTENT_ID}`} className="skip-link">{t('shell.skipToContent')}</a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('shell.toggleNavigation')}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <Anchor component={Link} href="/" underline="never" c="inherit" data-testid="brand">
                <Text component="span" fw={800} fz={{ base: 'lg', sm: 'xl' }} c="blue.8">{t('app.name')}</Text>
              </Anchor>
              <Text size="sm" c="dimmed" visibleFrom="md" truncate>{t('app.tagline')}</Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('shell.mainNavigation')} className="app-navbar" data-mobile-open={opened}>
          <AppShell.Section grow component={ScrollArea}>
            <NavLinks onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
          <AuthErrorAlert />
          {children}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
