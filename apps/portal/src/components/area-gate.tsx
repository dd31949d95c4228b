'use client';
/**
 * The access check every area shares: a loader while the session loads, a sign-in prompt for
 * anonymous visitors, the roles it needs for anyone else, and `children` for those who may use
 * it (public areas always). Denied states keep the area's <h1> so the page still says where it is.
 */
import { Alert, Button, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconLock, IconLogin } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { useViewer } from '@/auth/use-viewer';
import { areaAccess, areaById, type TAreaId } from '@/navigation/areas';

export function AreaGate({ areaId, children }: { areaId: TAreaId; children: React.ReactNode }) {
  const t = useTranslations();
  const format = useFormatter();
  const { status, me, login } = useAuth();
  const viewer = useViewer();
  const area = areaById(areaId);
  const title = t(`areas.${areaId}.title`);
  if (area.roles === 'everyone') return <>{children}</>;

  let body: React.ReactNode;
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
    const access = areaAccess(area, viewer);
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
    <Stack gap="lg" maw={860} data-testid={`area-${areaId}`}>
      <Title order={1}>{title}</Title>
      {body}
    </Stack>
  );
}
