'use client';
/**
 * The access check of one sandbox's page: any signed-in user (the store's "Try it" makes
 * sandboxes for visitors of every role; the API answers 404 for someone else's). A loader while
 * the session loads, a sign-in prompt for anonymous visitors.
 */
import { Alert, Button, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';

export function SignedInGate({ children }: { children: React.ReactNode }) {
  const t = useTranslations();
  const { status, login } = useAuth();
  if (status === 'authenticated') return <>{children}</>;
  const title = t('areas.sandbox.title');
  return (
    <Stack gap="lg" maw={860} data-testid="area-sandbox">
      <Title order={1}>{title}</Title>
      {status === 'loading' ? (
        <div role="status" data-testid="area-loading"><Loader size="sm" aria-hidden="true" /><VisuallyHidden>{t('shell.checkingSession')}</VisuallyHidden></div>
      ) : (
        <Alert color="blue" variant="light" icon={<IconLogin aria-hidden="true" />} title={t('auth.signInRequired.title')} data-testid="area-sign-in-required">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('auth.signInRequired.body', { area: title })}</Text>
            <Button size="sm" onClick={() => void login()}>{t('shell.signIn')}</Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
