'use client';
/**
 * The developer area's access check (like AreaPage's, without its "not built yet" notice): a
 * loader while the session loads, a sign-in prompt for anonymous visitors, the roles it needs
 * for anyone else, and `children` for developers and admins.
 */
import { Alert, Button, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconLock, IconLogin } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { useViewer } from '@/auth/use-viewer';
import { areaAccess, areaById } from '@/navigation/areas';

export function DeveloperGate({ children }: { children: React.ReactNode }) {
  const t = useTranslations();
  const format = useFormatter();
  const { status, me, login } = useAuth();
  const viewer = useViewer();
  const title = t('areas.developer.title');

  let body: React.ReactNode = null;
  if (status === 'loading') {
    body = (
      <div role="status" data-testid="area-loading">
        <Loader size="sm" aria-hidden="true" />
        <VisuallyHidden>{t('shell.checkingSession')}</VisuallyHidden>
      </div>
    );
  } else if (status === 'authenticated' && !me) {
    body = <Alert color="red" variant="light" data-testid="area-profile-missing">{t('auth.profileMissing')}</Alert>;
  } else {
    const access = areaAccess(areaById('developer'), viewer);
    if (access.kind === 'allowed') return <>{children}</>;
    if (access.kind === 'sign-in') {
      body = (
        <Alert color="blue" variant="light" icon={<IconLogin aria-hidden="true" />} title={t('auth.signInRequired.title')} data-testid="area-sign-in-required">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('auth.signInRequired.body', { area: title })}</Text>
            <Button size="sm" onClick={() => void login()}>{t('shell.signIn')}</Button>
          </Stack>
        </Alert>
      );
    } else {
      const roles = format.list(access.needs.map((r) => t(`roles.${r}`)), { type: 'disjunction' });
      body = <Alert color="orange" variant="light" icon={<IconLock aria-hidden="true" />} title={t('auth.forbidden', { roles })} data-testid="area-forbidden" data-needs-roles={access.needs.join(' ')} />;
    }
  }
  return (
    <Stack gap="lg" maw={860} data-testid="area-developer">
      <Title order={1}>{title}</Title>
      {body}
    </Stack>
  );
}
