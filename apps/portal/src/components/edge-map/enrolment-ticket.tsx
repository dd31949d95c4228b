'use client';
/** A fresh enrolment ticket: the one-line agent command with a copy button, and when the token expires (shown only once). */
import type { TEnrolmentTicket } from '@mecport/contracts';
import { ActionIcon, Alert, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRelativeTime } from '@/components/ui/use-relative-time';

export function EnrolmentTicket({ ticket }: { ticket: TEnrolmentTicket }) {
  const t = useTranslations('edgeMap.enrolment');
  const format = useFormatter();
  const relative = useRelativeTime();
  const expires = new Date(ticket.expiresAt);
  return (
    <Alert color="teal" variant="light" icon={<IconKey aria-hidden="true" />} title={t('ticketTitle')} data-testid="enrolment-ticket">
      <Stack gap="xs">
        <Text size="sm">{t('ticketBody')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="enrolment-command">{ticket.command}</Code>
          <CopyButton value={ticket.command} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('copied') : t('copy')} withArrow>
                <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} size="lg" onClick={copy} aria-label={copied ? t('copied') : t('copy')} data-testid="enrolment-copy">
                  {copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" data-testid="enrolment-expiry">
          {t('expires', { when: format.dateTime(expires, { dateStyle: 'medium', timeStyle: 'short' }), relative: relative(expires) })}
        </Text>
        <Text size="xs" c="dimmed">{t('onceOnly')}</Text>
      </Stack>
    </Alert>
  );
}
