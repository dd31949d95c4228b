'use client';
/**
 * The confirmation before a deployment starts (it changes running nodes): what rolls out, where,
 * in how many batches, what happens on a failure; then Back or Start. A refusal from the API
 * shows here, so the operator sees it without losing the form.
 */
import type { TMapNode } from '@mecport/contracts';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { batchCount, type TDeploymentKind } from './deployment-form-model';

const NAMES_SHOWN = 10;

export interface TDeploymentReviewProps {
  opened: boolean;
  app: string;
  version: string;
  kind: TDeploymentKind;
  /** The target in words (picked nodes, a group, a selector). */
  target: string;
  nodes: readonly TMapNode[];
  batchSize: number;
  stopOnFailure: boolean;
  busy: boolean;
  problem: TApiProblem | null;
  onStart: () => void;
  onBack: () => void;
}

export function DeploymentReview(p: TDeploymentReviewProps) {
  const t = useTranslations('edgeDeploy.review');
  const names = p.nodes.slice(0, NAMES_SHOWN).map((n) => n.name).join(', ');
  const more = p.nodes.length - NAMES_SHOWN;
  return (
    <Modal opened={p.opened} onClose={p.onBack} title={t('title')} centered size="lg" data-testid="deployment-review">
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} p="sm">{t('warning')}</Alert>
        <List spacing={6} size="sm" data-testid="deployment-review-summary">
          <List.Item data-testid="review-app">{t(p.kind === 'upgrade' ? 'upgradeTo' : 'install', { app: p.app, version: p.version })}</List.Item>
          <List.Item data-testid="review-target">
            {t('target', { target: p.target, count: p.nodes.length })}
            <Text size="xs" c="dimmed" data-testid="review-nodes">{more > 0 ? t('namesMore', { names, count: more }) : names}</Text>
          </List.Item>
          <List.Item data-testid="review-batches">{t('batches', { batches: batchCount(p.nodes.length, p.batchSize), size: p.batchSize })}</List.Item>
          <List.Item data-testid="review-failure">{p.stopOnFailure ? t('stopOnFailure') : t('continueOnFailure')}</List.Item>
          {p.kind === 'upgrade' && <List.Item>{t('rollback')}</List.Item>}
        </List>
        {p.problem && <ProblemAlert heading={t('failed')} problem={p.problem} testId="deployment-review-error" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onBack} data-autofocus data-testid="deployment-review-back">{t('back')}</Button>
          <Button color="orange" onClick={p.onStart} loading={p.busy} data-testid="deployment-review-start">{t('start')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
