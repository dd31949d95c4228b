'use client';
/** The facts of an RFC 9457 problem, for inside an Alert: title (status), detail, request ID. */
import { Code, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import type { TApiProblem } from '@/components/ui/api-problem';
import { problemText, type TTranslator } from '@/components/ui/problem-text';

/** Title and detail in the reader's language where the problem's type and machine fields allow (problem-text.ts). */
export function ProblemDetails({ problem }: { problem: TApiProblem }) {
  const t = useTranslations('auth');
  const { title, detail } = problemText(problem, useTranslations('apiContract.problem') as unknown as TTranslator);
  return (
    <Stack gap={4} data-testid="problem-details" data-problem-type={problem.type}>
      <Text size="sm" fw={600} data-testid="problem-title">
        {title}
        {problem.status > 0 && <Text span size="sm" fw={400}> ({t('status', { status: problem.status })})</Text>}
      </Text>
      {detail && <Text size="sm" data-testid="problem-detail">{detail}</Text>}
      {problem.requestId && (
        <Text size="sm" data-testid="problem-request-id">
          {t.rich('requestId', { id: problem.requestId, code: (chunks) => <Code>{chunks}</Code> })}
        </Text>
      )}
    </Stack>
  );
}
