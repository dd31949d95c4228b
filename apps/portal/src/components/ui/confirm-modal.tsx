'use client';
/** A confirmation dialog for destructive actions: says what will happen, then Cancel or the action (red). */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';

export interface TConfirmModalProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  /** Red for destructive actions (the default). */
  color?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmModal({ opened, title, body, confirmLabel, busy, color = 'red', onConfirm, onCancel }: TConfirmModalProps) {
  const t = useTranslations('store.common');
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered data-testid="confirm-modal">
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="confirm-cancel">{t('cancel')}</Button>
          <Button color={color} onClick={onConfirm} loading={busy} data-testid="confirm-ok">{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
