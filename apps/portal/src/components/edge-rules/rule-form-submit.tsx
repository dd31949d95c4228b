'use client';
/**
 * What the traffic and DNS rule forms share around their fields: saving only a valid rule (else
 * focus the first field in error, so a keyboard user lands where the fix is), and the footer with
 * the count of fields to fix, Cancel and Save.
 */
import { Button, Group, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';

/** Submit handling of a rule form: `save` calls `onSave(rule)` when there is a valid rule and its id is free. */
export function useRuleFormSubmit<R>(rule: R | null | undefined, taken: boolean, onSave: (rule: R) => void) {
  const [submitted, setSubmitted] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!rule || taken) {
      requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSave(rule);
  };
  return { submitted, root, save };
}

export function RuleFormFooter({ submitted, errorCount, onCancel }: { submitted: boolean; errorCount: number; onCancel: () => void }) {
  const t = useTranslations('edgeRules.form');
  return (
    <Group justify="flex-end" gap="xs">
      {submitted && errorCount > 0 && <Text size="sm" c="red" role="status" data-testid="form-error-count">{t('fixErrors', { count: errorCount })}</Text>}
      <Button variant="default" onClick={onCancel} data-testid="rule-form-cancel">{t('cancel')}</Button>
      <Button type="submit" data-testid="rule-form-save">{t('save')}</Button>
    </Group>
  );
}
