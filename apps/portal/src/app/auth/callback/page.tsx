'use client';
/**
 * Where the IdP sends the browser back (`#state=…&code=…`). The AuthProvider finishes the code
 * exchange; this page then returns to the page that started the sign-in. It uses a full page load
 * so that a locale adopted from the profile applies to the whole page, layout included.
 */
import { Group, Loader, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { RETURN_TO_KEY, safeReturnTo } from '@/auth/session';

export default function AuthCallbackPage() {
  const { status, error } = useAuth();
  const t = useTranslations('auth');

  useEffect(() => {
    if (status === 'loading' || (status === 'anonymous' && error)) return; // a failed sign-in stays here, showing why
    const target = safeReturnTo(window.sessionStorage.getItem(RETURN_TO_KEY));
    window.sessionStorage.removeItem(RETURN_TO_KEY);
    window.location.replace(target);
  }, [status, error]);

  if (status === 'anonymous' && error) return null; // the shell's AuthErrorAlert explains and offers to sign in again
  return (
    <Group gap="sm" role="status" data-testid="auth-callback">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t('completing')}</Text>
    </Group>
  );
}
