'use client';
/** The facts of an RFC 9457 problem, for inside an Alert: title (status), detail, request ID. */
import { Code, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import type { TProblem } from '@/auth/problem';

export function ProblemDetails({ problem }: { problem: TProblem }) {
  const t = useTranslations('auth');
  return (
    <Stack gap={4} data-testid="problem-details">
      <Text size="sm" fw={600} data-testid="problem-title">
        {problem.title}
        {problem.status > 0 && <Text span size="sm" fw={400}> ({t('status', { status: problem.status })})</Text>}
      </Text>
      {problem.detail && <Text size="sm" data-testid="problem-detail">{problem.detail}</Text>}
      {problem.requestId && (
        <Text size="sm" data-testid="problem-request-id">
          {t.rich('requestId', { id: problem.requestId, code: (chunks) => <Code>{chunks}</Code> })}
        </Text>
      )}
    </Stack>
  );
}
