'use client';
/**
 * The facts at the top of a sandbox's page: status, scenario and seed, clock kind, the sandbox
 * clock, time left, how the page is kept current; a failed sandbox's reason; and whether the
 * network characteristics are applied for real (tc netem) or only reported, with why.
 */
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Alert, Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconNetwork } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { ExpiryCountdown } from './expiry-countdown';
import { SandboxStatusBadge } from './sandbox-status-badge';
import { clockText } from './time-left';
import type { TStreamMode } from './use-sandbox-stream';

export interface TSandboxFactsProps { sandbox: TSandbox; scenarioName: string; timeSec: number; mode: TStreamMode }

export function SandboxFacts({ sandbox, scenarioName, timeSec, mode }: TSandboxFactsProps) {
  const t = useTranslations('sandbox.page');
  return (
    <>
      <Group gap="md" data-testid="sandbox-facts">
        <SandboxStatusBadge status={sandbox.status} />
        {sandbox.experience && <Badge variant="outline" color="grape">{t('experience')}</Badge>}
        <Text size="sm" data-testid="sandbox-scenario" data-scenario-id={sandbox.scenarioId}>{t('scenario', { scenario: scenarioName, seed: sandbox.seed })}</Text>
        <Text size="sm">{t(`clock.${sandbox.clock}`)}</Text>
        <Text size="sm" ff="monospace" data-testid="sandbox-time" aria-label={t('timeLabel')}>{clockText(timeSec)}</Text>
        <ExpiryCountdown expiresAt={sandbox.expiresAt} />
        <Badge size="sm" variant="dot" color={mode === 'live' ? 'green' : mode === 'polling' ? 'yellow' : 'gray'} data-testid="sandbox-stream-mode" data-mode={mode}>{t(`stream.${mode}`)}</Badge>
      </Group>
      {sandbox.status === 'failed' && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('failedReasonTitle')} role="alert" data-testid="sandbox-failure">
          {sandbox.failureReason ?? t('failedNoReason')}
        </Alert>
      )}
      <Alert color={sandbox.networkShaping.real ? 'teal' : 'gray'} variant="light" icon={<IconNetwork aria-hidden="true" />} data-testid="sandbox-network-shaping" data-real={sandbox.networkShaping.real ? 'true' : 'false'}>
        <Text size="sm">{sandbox.networkShaping.real ? t('shapingReal') : t('shapingNotReal')}</Text>
        <Text size="xs" c="dimmed">{t('shapingWhy', { reason: sandbox.networkShaping.reason })}</Text>
      </Alert>
    </>
  );
}
