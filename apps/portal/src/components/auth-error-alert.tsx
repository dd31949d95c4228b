'use client';
/** Shows the last authentication failure (sign-in, profile, preferences, expiry) above the page content. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useAuth, type TAuthError } from '@/auth/auth-provider';
import { ProblemDetails } from './problem-details';

const TITLE_KEY = {
  'sign-in-failed': 'signInFailed',
  'idp-unreachable': 'idpUnreachable',
  'profile-failed': 'profileFailed',
  'preferences-failed': 'preferencesFailed',
  'session-expired': 'sessionExpired',
} as const satisfies Record<TAuthError['kind'], string>;

export function AuthErrorAlert() {
  const { error, status, login, dismissError } = useAuth();
  const t = useTranslations('auth');
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={t(`errors.${TITLE_KEY[error.kind]}`)}
      withCloseButton
      closeButtonLabel={t('dismiss')}
      onClose={dismissError}
      mb="md"
      role="alert"
      data-testid="auth-error"
      data-error-kind={error.kind}
    >
      <Stack gap="xs">
        {'problem' in error && <ProblemDetails problem={error.problem} />}
        {'detail' in error && error.detail && <Text size="sm">{error.detail}</Text>}
        {status === 'anonymous' && error.kind !== 'idp-unreachable' && (
          <Group>
            <Button size="xs" variant="filled" onClick={() => void login()}>{t('tryAgain')}</Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
