'use client';
/**
 * Step 1 of the configurator: which app instances a change edits (ZRuleSelection): one app on the
 * nodes picked on the map, chosen instances, one app on a node group, or one app on the nodes a
 * label selector matches; with how many map nodes are in scope.
 */
import type { TAppInstance, TNodeGroup } from '@mecport/contracts';
import { Anchor, Checkbox, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { TARGET_KINDS, type TTarget, type TTargetError } from './rule-target-model';

export interface TRuleTargetStepProps {
  target: TTarget;
  onChange: (patch: Partial<TTarget>) => void;
  apps: readonly { appId: string; name: string; nodes: number }[];
  instances: readonly TAppInstance[];
  groups: readonly TNodeGroup[];
  inScope: number;
  error: TTargetError | null;
}

export function RuleTargetStep({ target, onChange, apps, instances, groups, inScope, error }: TRuleTargetStepProps) {
  const t = useTranslations('edgeRules.target');
  const needsApp = target.kind !== 'instances';
  return (
    <Stack gap="sm" data-testid="rule-target">
      <Radio.Group label={t('kind')} value={target.kind} onChange={(v) => onChange({ kind: v as TTarget['kind'] })}>
        <Group gap="md" mt={4}>
          {TARGET_KINDS.map((k) => <Radio key={k} value={k} label={t(`kinds.${k}`)} data-testid={`target-kind-${k}`} />)}
        </Group>
      </Radio.Group>
      {(target.kind === 'nodes' || target.kind === 'instances') && (
        <Group gap="xs">
          <Text size="sm" data-testid="target-picked" data-count={target.nodeIds.length}>{t('picked', { count: target.nodeIds.length })}</Text>
          <Anchor component={Link} href="/edge-map" size="sm">{t('pickOnMap')}</Anchor>
        </Group>
      )}
      {target.kind === 'group' && (
        <Select label={t('group')} placeholder={t('groupPlaceholder')} value={target.groupId} data={groups.map((g) => ({ value: g.id, label: g.name }))}
          onChange={(v) => onChange({ groupId: v })} searchable data-testid="target-group" />
      )}
      {target.kind === 'labels' && (
        <TextInput label={t('selector')} description={t('selectorHint')} value={target.selector} onChange={(e) => onChange({ selector: e.currentTarget.value })} data-testid="target-selector" />
      )}
      {needsApp && (
        apps.length === 0 && target.kind === 'nodes' && target.nodeIds.length > 0
          ? <Text size="sm" c="dimmed" data-testid="target-no-apps">{t('noApps')}</Text>
          : <Select label={t('app')} placeholder={t('appPlaceholder')} value={target.appId} searchable data-testid="target-app"
              data={apps.map((a) => ({ value: a.appId, label: target.kind === 'nodes' ? t('appNodes', { app: a.name, count: a.nodes }) : a.name }))}
              onChange={(v) => onChange({ appId: v })} />
      )}
      {target.kind === 'instances' && (
        instances.length === 0 ? <Text size="sm" c="dimmed" data-testid="target-no-instances">{t('noInstances')}</Text> : (
          <Checkbox.Group label={t('instances')} value={target.appInstanceIds} onChange={(ids) => onChange({ appInstanceIds: ids })}>
            <Stack gap={4} mt={4}>
              {instances.map((i) => <Checkbox key={i.id} value={i.id} label={t('instanceLabel', { app: i.appName, version: i.version, node: i.nodeName })} data-testid="target-instance" />)}
            </Stack>
          </Checkbox.Group>
        )
      )}
      <Text size="sm" c="dimmed" data-testid="target-scope" data-count={inScope}>{t('inScope', { nodes: inScope })}</Text>
      {error && <Text size="sm" c="orange.9" data-testid="target-error">{t(`errors.${error}`)}</Text>}
    </Stack>
  );
}
