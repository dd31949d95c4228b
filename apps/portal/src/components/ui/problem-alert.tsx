'use client';
/** A red alert around an API problem: its title, status, detail and request ID. */
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ProblemDetails } from '@/components/problem-details';
import type { TApiProblem } from './api-problem';

export function ProblemAlert({ heading, problem, testId = 'problem-alert', onClose }: { heading: string; problem: TApiProblem; testId?: string; onClose?: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={heading} data-testid={testId} role="alert"
      withCloseButton={!!onClose} onClose={onClose}>
      <ProblemDetails problem={problem} />
    </Alert>
  );
}
