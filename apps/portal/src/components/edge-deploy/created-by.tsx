'use client';
/**
 * Who started a deployment. The API gives the OIDC subject only, so the signed-in user's own
 * deployments read "you" and others show the start of the subject (the full one on hover).
 */
import { Text, Tooltip } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';

export function CreatedBy({ subject }: { subject: string }) {
  const t = useTranslations('edgeDeploy.common');
  const { me } = useAuth();
  if (me?.subject === subject) return <Text size="sm" span data-testid="created-by" data-self="true">{t('you')}</Text>;
  return (
    <Tooltip label={subject}>
      <Text size="sm" span ff="monospace" data-testid="created-by" tabIndex={0} aria-label={t('subject', { subject })}>{subject.slice(0, 8)}</Text>
    </Tooltip>
  );
}
