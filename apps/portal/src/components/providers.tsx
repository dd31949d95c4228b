'use client';
/** Client-side providers for every page: Mantine (light scheme only, for now) and authentication. */
import { MantineProvider } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { AuthProvider } from '@/auth/auth-provider';
import type { TPublicAuthConfig } from '@/server/public-config';
import { cssVariablesResolver, themeWithLabels } from './theme';

export function Providers({ authConfig, children }: { authConfig: TPublicAuthConfig; children: ReactNode }) {
  const t = useTranslations('uiHardening.a11y');
  const theme = useMemo(() => themeWithLabels({ close: t('close'), clear: t('clear') }), [t]);
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <AuthProvider config={authConfig}>{children}</AuthProvider>
    </MantineProvider>
  );
}
