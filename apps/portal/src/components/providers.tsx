'use client';
/** Client-side providers for every page: Mantine (light scheme only, for now) and authentication. */
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { AuthProvider } from '@/auth/auth-provider';
import type { TPublicAuthConfig } from '@/server/public-config';
import { cssVariablesResolver, theme } from './theme';

export function Providers({ authConfig, children }: { authConfig: TPublicAuthConfig; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <AuthProvider config={authConfig}>{children}</AuthProvider>
    </MantineProvider>
  );
}
