'use client';
/** A deployment's target in words: how many picked nodes, which node group, or which label selector. */
import type { TDeploymentTargetSpec, TNodeGroup } from '@mecport/contracts';
import { Code, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';

export function TargetSummary({ target, groups }: { target: TDeploymentTargetSpec; groups?: readonly TNodeGroup[] | null }) {
  const t = useTranslations('edgeDeploy.target');
  if (target.kind === 'nodes') return <Text size="sm" span>{t('nodes', { count: target.nodeIds.length })}</Text>;
  if (target.kind === 'group') {
    const name = groups?.find((g) => g.id === target.groupId)?.name;
    return <Text size="sm" span>{name ? t('group', { name }) : t('groupUnknown')}</Text>;
  }
  return <Text size="sm" span>{t('labels')} <Code>{target.selector}</Code></Text>;
}
