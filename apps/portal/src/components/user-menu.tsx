'use client';
/** The header's account area: a "Sign in" button when anonymous, else a menu with who is signed in and "Sign out". */
import { Avatar, Badge, Box, Button, Group, Loader, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconLogin, IconLogout } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [...(parts[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export function UserMenu() {
  const { status, me, login, logout } = useAuth();
  const t = useTranslations('shell');
  const tRoles = useTranslations('roles');

  if (status === 'loading') {
    return (
      <Group gap="xs" data-testid="auth-loading" role="status">
        <Loader size="xs" aria-hidden="true" />
        <VisuallyHidden>{t('checkingSession')}</VisuallyHidden>
      </Group>
    );
  }

  if (status === 'anonymous') {
    return (
      <Button
        size="sm"
        px={{ base: 'sm', sm: 'md' }}
        leftSection={<IconLogin size={16} aria-hidden="true" />}
        classNames={{ section: 'hide-below-sm' }}
        onClick={() => void login()}
        data-testid="sign-in-button"
      >
        {t('signIn')}
      </Button>
    );
  }

  const name = me?.name ?? t('profileUnavailable');
  return (
    <Menu position="bottom-end" width={280} withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu', { name })} data-testid="user-menu-button" style={{ borderRadius: 'var(--mantine-radius-md)' }} p={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" color="blue" radius="xl" aria-hidden="true">{me ? initials(me.name) : null}</Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={180}>{name}</Text>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown data-testid="user-menu">
        <Menu.Label>{t('signedInAs')}</Menu.Label>
        <Box px="sm" pb="xs">
          <Text fw={600} data-testid="user-name">{name}</Text>
          {me && (
            <>
              <Text size="sm" c="dimmed">
                {t('username')}: <span data-testid="user-username">{me.username}</span>
              </Text>
              <Text size="sm" c="dimmed">
                {t('tenant')}: <span data-testid="user-tenant">{me.tenant.name}</span>
              </Text>
              <Text size="sm" c="dimmed" mt={6}>{t('roles')}</Text>
              <Group gap={4} mt={2} data-testid="user-roles">
                {me.roles.length === 0 && <Text size="sm">{t('noRoles')}</Text>}
                {me.roles.map((r) => (
                  <Badge key={r} variant="light" size="sm" data-role={r}>{tRoles(r)}</Badge>
                ))}
              </Group>
            </>
          )}
        </Box>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => void logout()} data-testid="sign-out-button">
          {t('signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
