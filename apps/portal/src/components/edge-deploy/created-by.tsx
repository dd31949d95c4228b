'use client';
/**
 * Who started a deployment: "you" for the signed-in user's own, else the display name the portal
 * knows (the subject on hover), or the start of the subject when it knows none.
 */
import { Text, Tooltip } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';

export function CreatedBy({ subject, name }: { subject: string; name: string | null }) {
  const t = useTranslations('edgeDeploy.common');
  const { me } = useAuth();
  if (me?.subject === subject) return <Text size="sm" span data-testid="created-by" data-self="true">{t('you')}</Text>;
  return (
    <Tooltip label={subject}>
      {name
        ? <Text size="sm" span data-testid="created-by" tabIndex={0}>{name}</Text>
        : <Text size="sm" span ff="monospace" data-testid="created-by" tabIndex={0} aria-label={t('subject', { subject })}>{subject.slice(0, 8)}</Text>}
    </Tooltip>
  );
}
