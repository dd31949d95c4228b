'use client';
/**
 * The language switch in the header. Stores the choice in the `MECPORT_LOCALE` cookie and
 * re-renders the server components in the new language; when signed in, also saves it to the
 * profile (`PUT /api/v1/me/preferences`) so it follows the user to other browsers.
 */
import { Box, SegmentedControl } from '@mantine/core';
import { LOCALES, type TLocale } from '@mecport/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { LOCALE_NAMES, LOCALE_SHORT_NAMES, isLocale, localeCookie } from '@/i18n/locale';

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('shell');
  const router = useRouter();
  const { status, updatePreferences } = useAuth();
  const [isPending, startTransition] = useTransition();
  // Shows the choice at once; follows the server's locale once the refresh has landed.
  const [selected, setSelected] = useState<TLocale>(locale);
  useEffect(() => setSelected(locale), [locale]);

  function change(value: string) {
    if (!isLocale(value) || value === selected) return;
    setSelected(value);
    document.cookie = localeCookie(value);
    startTransition(() => router.refresh());
    if (status === 'authenticated') void updatePreferences({ locale: value });
  }

  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language')}
      aria-busy={isPending}
      data-testid="language-switch"
      value={selected}
      onChange={change}
      data={LOCALES.map((l) => ({
        value: l,
        // Full names from the sm breakpoint up, short ones below (only the visible one names the option).
        label: (
          <span lang={l}>
            <Box component="span" visibleFrom="sm">{LOCALE_NAMES[l]}</Box>
            <Box component="span" hiddenFrom="sm">{LOCALE_SHORT_NAMES[l]}</Box>
          </span>
        ),
      }))}
    />
  );
}
