'use client';
/** The time a sandbox has left before it expires, ticking every second; orange in the last five minutes. */
import { Text } from '@mantine/core';
import { useNow, useTranslations } from 'next-intl';
import { secondsLeft, SOON_SEC, timeLeftText } from './time-left';

export function ExpiryCountdown({ expiresAt, size = 'sm' }: { expiresAt: string; size?: 'xs' | 'sm' }) {
  const t = useTranslations('sandbox.expiry');
  const now = useNow({ updateInterval: 1000 });
  const left = secondsLeft(expiresAt, now.getTime());
  return (
    <Text size={size} c={left < SOON_SEC ? 'orange.9' : undefined} data-testid="sandbox-expiry" data-seconds-left={left}>
      {left > 0 ? t('left', { time: timeLeftText(left) }) : t('expired')}
    </Text>
  );
}
