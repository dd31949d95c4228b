'use client';
/** The `edgeCleanup` translator as server-message-text.ts takes it (keys built from server codes). */
import { useTranslations } from 'next-intl';
import type { TTranslate } from './server-message-text';

export function useServerText(): TTranslate {
  const t = useTranslations('edgeCleanup');
  return (key, values) => t(key as never, values as never);
}
