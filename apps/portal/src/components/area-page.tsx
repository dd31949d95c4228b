'use client';
/**
 * The page of an area that is not built yet: its <h1>, what it will do, and the "Not built yet"
 * notice; or, when the viewer may not use it, a sign-in prompt or the roles it needs.
 */
import { Alert, Button, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle, IconLock, IconLogin } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { useViewer } from '@/auth/use-viewer';
import { areaAccess, areaById, type TAreaId } from '@/navigation/areas';

/** `children` is what already works in the area; it shows below the notice to viewers who may use it. */
export function AreaPage({ areaId, children }: { areaId: TAreaId; children?: React.ReactNode }) {
  const t = useTranslations();
  const format = useFormatter();
  const { status, me, login } = useAuth();
  const viewer = useViewer();
  const area = areaById(areaId);
  const title = t(`areas.${areaId}.title`);
  const isPublic = area.roles === 'everyone';

  let body: React.ReactNode;
  if (!isPublic && status === 'loading') {
    body = (
      <div role="status" data-testid="area-loading">
        <Loader size="sm" aria-hidden="true" />
        <VisuallyHidden>{t('shell.checkingSession')}</VisuallyHidden>
      </div>
    );
  } else if (!isPublic && status === 'authenticated' && !me) {
    body = <Alert color="red" variant="light" data-testid="area-profile-missing">{t('auth.profileMissing')}</Alert>;
  } else {
    const access = areaAccess(area, viewer);
    if (access.kind === 'sign-in') {
      body = (
        <Alert color="blue" variant="light" icon={<IconLogin aria-hidden="true" />} title={t('auth.signInRequired.title')} data-testid="area-sign-in-required">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('auth.signInRequired.body', { area: title })}</Text>
            <Button size="sm" onClick={() => void login()}>{t('shell.signIn')}</Button>
          </Stack>
        </Alert>
      );
    } else if (access.kind === 'forbidden') {
      const roles = format.list(access.needs.map((r) => t(`roles.${r}`)), { type: 'disjunction' });
      body = (
        <Alert
          color="orange"
          variant="light"
          icon={<IconLock aria-hidden="true" />}
          title={t('auth.forbidden', { roles })}
          data-testid="area-forbidden"
          data-needs-roles={access.needs.join(' ')}
        />
      );
    } else {
      body = (
        <Stack gap="md">
          <Text data-testid="area-description">{t(`areas.${areaId}.description`)}</Text>
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} title={t('notBuilt.title')} data-testid="area-not-built">
            {t('notBuilt.body')}
          </Alert>
          {children}
        </Stack>
      );
    }
  }

  return (
    <Stack gap="lg" maw={860} data-testid={`area-${areaId}`}>
      <Title order={1}>{title}</Title>
      {body}
    </Stack>
  );
}
