'use client';
/**
 * Where a deployment goes: nodes picked by hand (or on the map, which links here with
 * `?nodeIds=`), every node of a node group, or every node whose labels match a selector
 * (as Azure IoT Edge automatic deployments and Baetyl's node matching do).
 */
import type { TMapNode, TNodeGroup } from '@mecport/contracts';
import { Group, MultiSelect, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { TDeploymentFormValues, TTargetKind } from './deployment-form-model';

const TARGET_KINDS: readonly TTargetKind[] = ['nodes', 'group', 'labels'];
/** Options rendered at once in the node picker; typing narrows the rest. */
const NODE_OPTION_LIMIT = 50;

export type TTargetValues = Pick<TDeploymentFormValues, 'targetKind' | 'nodeIds' | 'groupId' | 'selector'>;

export interface TTargetFieldsProps {
  values: TTargetValues;
  nodes: readonly TMapNode[] | null;
  groups: readonly TNodeGroup[] | null;
  errors: { nodeIds?: string; groupId?: string; selector?: string };
  onChange: (patch: Partial<TTargetValues>) => void;
}

export function TargetFields({ values, nodes, groups, errors, onChange }: TTargetFieldsProps) {
  const t = useTranslations('edgeDeploy.form');
  const tNode = useTranslations('edgeDeploy.nodeStatus');
  const nodeOptions = useMemo(() => (nodes ?? []).map((n) => ({
    value: n.id,
    label: [n.name, n.city, tNode(n.status)].filter(Boolean).join(' · '),
    disabled: n.status === 'revoked',
  })), [nodes, tNode]);
  const groupOptions = (groups ?? []).map((g) => ({ value: g.id, label: t('groupOption', { name: g.name, count: g.nodeCount }) }));

  return (
    <Stack gap="sm">
      <Radio.Group label={t('targetKind')} description={t('targetKindHelp')} value={values.targetKind} onChange={(v) => onChange({ targetKind: v as TTargetKind })} data-testid="deploy-target-kind">
        <Group gap="lg" mt="xs">
          {TARGET_KINDS.map((k) => <Radio key={k} value={k} label={t(`targetKinds.${k}`)} data-testid={`deploy-target-${k}`} />)}
        </Group>
      </Radio.Group>
      {values.targetKind === 'nodes' && (
        <MultiSelect label={t('nodes')} description={t('nodesHelp')} placeholder={nodes ? t('nodesPlaceholder') : t('loadingNodes')} data={nodeOptions} value={values.nodeIds}
          onChange={(v) => onChange({ nodeIds: v })} searchable clearable limit={NODE_OPTION_LIMIT} nothingFoundMessage={t('noNodes')} disabled={!nodes}
          error={errors.nodeIds} data-field="nodeIds" data-testid="deploy-nodes" />
      )}
      {values.targetKind === 'group' && (
        <Select label={t('group')} description={t('groupHelp')} placeholder={groups?.length === 0 ? t('noGroups') : t('groupPlaceholder')} data={groupOptions}
          value={values.groupId} onChange={(v) => onChange({ groupId: v })} searchable nothingFoundMessage={t('noGroups')} error={errors.groupId} data-field="groupId" data-testid="deploy-group" />
      )}
      {values.targetKind === 'labels' && (
        <TextInput label={t('selector')} description={t('selectorHelp')} placeholder="region=south,tier=gold" value={values.selector}
          onChange={(e) => onChange({ selector: e.currentTarget.value })} error={errors.selector} maxLength={200} spellCheck={false} autoComplete="off"
          data-field="selector" data-testid="deploy-selector" />
      )}
    </Stack>
  );
}
