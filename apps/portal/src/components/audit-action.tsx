'use client';
/**
 * An audit action in the reader's language (`app.update` -> "Listing edited" / "编辑了商店信息"),
 * with its code beneath it: the code is what the action filter takes. An action the catalogue does
 * not know yet shows its code alone.
 */
import { Code, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { auditActionKey } from './audit-action-key';
import type { TTranslator } from './ui/problem-text';


export function AuditAction({ action }: { action: string }) {
  // Action codes are open-ended (a newer server may send one this catalogue lacks), hence the untyped key.
  const t = useTranslations('apiContract.auditActions') as unknown as TTranslator;
  const key = auditActionKey(action);
  if (!t.has(key)) return <Code>{action}</Code>;
  return (
    <Stack gap={0}>
      <Text size="sm" data-testid="audit-action-label">{t(key)}</Text>
      <Code fz="xs" c="dimmed">{action}</Code>
    </Stack>
  );
}
