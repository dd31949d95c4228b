/**
 * The root layout: <html lang> follows the locale (cookie, see src/i18n/request.ts), translations
 * and the runtime auth configuration are handed to the client providers.
 *
 * `await connection()` makes every page render per request, so the build needs neither the
 * database nor the IdP and one build serves any environment (dev IdP or Keycloak).
 */
import '@mantine/core/styles.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppFrame } from '@/components/app-frame';
import { Providers } from '@/components/providers';
import { publicAuthConfig } from '@/server/public-config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: t('name'), description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const locale = await getLocale();
  const authConfig = publicAuthConfig();
  return (
    // Light scheme only for now; the attribute matches MantineProvider's forceColorScheme, so no inline script is needed.
    <html lang={locale} data-mantine-color-scheme="light" suppressHydrationWarning>
      <body>
        <NextIntlClientProvider>
          <Providers authConfig={authConfig}>
            <AppFrame>{children}</AppFrame>
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
