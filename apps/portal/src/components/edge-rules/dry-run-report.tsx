'use client';
/**
 * The dry run's answer: totals, then per node its errors (they block Apply), warnings, the diff
 * of its rule set and the flows that change, in words. Codes are translated with their values;
 * a code this UI does not know shows the report's English message.
 */
import type { TDryRunReport } from '@mecport/contracts';
import { Accordion, Alert, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { dryRunView, type TDryRunNodeView, type TValues } from './dry-run-model';

function useCoded(namespace: 'edgeRules.findings' | 'edgeRules.flows') {
  const t = useTranslations(namespace);
  return (code: string, values: TValues, message: string) => (t.has(code as 'now_steered') ? t(code as 'now_steered', values) : message);
}

function NodeReport({ node }: { node: TDryRunNodeView }) {
  const t = useTranslations('edgeRules.dryRun');
  const finding = useCoded('edgeRules.findings');
  const flow = useCoded('edgeRules.flows');
  return (
    <Stack gap="xs">
      {node.errors.length > 0 && (
        <Stack gap={2} data-testid="dry-run-errors">
          <Text size="sm" fw={600} c="red.9">{t('errors')}</Text>
          <List size="sm" icon={<IconCircleX size={16} color="var(--mantine-color-red-8)" aria-hidden="true" />}>
            {node.errors.map((f) => <List.Item key={f.key} data-testid="dry-run-finding" data-code={f.code} data-severity="error">{finding(f.code, f.values, f.message)}</List.Item>)}
          </List>
        </Stack>
      )}
      {node.warnings.length > 0 && (
        <Stack gap={2} data-testid="dry-run-warnings">
          <Text size="sm" fw={600} c="orange.9">{t('warnings')}</Text>
          <List size="sm" icon={<IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden="true" />}>
            {node.warnings.map((f) => <List.Item key={f.key} data-testid="dry-run-finding" data-code={f.code} data-severity="warning">{finding(f.code, f.values, f.message)}</List.Item>)}
          </List>
        </Stack>
      )}
      <Text size="sm" fw={600}>{t('diff')}</Text>
      {node.diff.length === 0 ? <Text size="sm" c="dimmed">{t('noChanges')}</Text> : (
        <Table.ScrollContainer minWidth={560}>
          <Table withRowBorders={false} data-testid="dry-run-diff">
            <Table.Tbody>
              {node.diff.map((d) => (
                <Table.Tr key={d.key} data-rule-id={d.ruleId} data-change={d.change}>
                  <Table.Td><Badge size="sm" variant="light" color={d.change === 'added' ? 'green' : d.change === 'removed' ? 'red' : 'blue'}>{t(`diffChange.${d.change}`)}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{d.app} · {d.ruleId}</Text></Table.Td>
                  <Table.Td>
                    {d.before && <Text size="xs" ff="monospace" c="dimmed">{t('before')}: {d.before}</Text>}
                    {d.after && <Text size="xs" ff="monospace">{t('after')}: {d.after}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" fw={600}>{t('flows')}</Text>
      {node.flows.length === 0 ? <Text size="sm" c="dimmed">{t('noFlows')}</Text> : (
        <List size="sm" data-testid="dry-run-flows">
          {node.flows.map((f) => (
            <List.Item key={f.key} data-code={f.code}>
              {flow(f.code, f.values, f.message)}
              {f.detail && <Text span size="xs" ff="monospace" ml={6}>{f.detail}</Text>}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

export function DryRunReport({ report, appNames }: { report: TDryRunReport; appNames: ReadonlyMap<string, string> }) {
  const t = useTranslations('edgeRules.dryRun');
  const view = dryRunView(report, appNames);
  const open = view.nodes.filter((n) => n.errors.length > 0 || n.warnings.length > 0).map((n) => n.nodeId).slice(0, 10);
  return (
    <Stack gap="sm" data-testid="dry-run-report" data-can-apply={view.canApply ? 'true' : 'false'} data-errors={view.totals.errors}>
      <Text size="sm" role="status" data-testid="dry-run-totals">{t('totals', view.totals)}</Text>
      {!view.canApply && view.totals.errors > 0 && <Alert color="red" variant="light" icon={<IconCircleX aria-hidden="true" />} data-testid="dry-run-blocked">{t('blocked')}</Alert>}
      {view.totals.errors === 0 && view.totals.changes === 0 && <Alert color="gray" variant="light" data-testid="dry-run-no-changes">{t('noChanges')}</Alert>}
      <Accordion multiple defaultValue={open.length > 0 ? open : view.nodes.slice(0, 3).map((n) => n.nodeId)} variant="separated">
        {view.nodes.map((node) => (
          <Accordion.Item key={node.nodeId} value={node.nodeId} data-testid="dry-run-node" data-node-id={node.nodeId} data-errors={node.errors.length}>
            <Accordion.Control>
              <Group gap="xs">
                {node.errors.length > 0 ? <IconCircleX size={18} color="var(--mantine-color-red-8)" aria-hidden="true" /> : <IconCircleCheck size={18} color="var(--mantine-color-green-8)" aria-hidden="true" />}
                <Text size="sm" fw={600}>{node.nodeName}</Text>
                <Text size="xs" c="dimmed">{t('adapter', { adapter: node.adapter })}</Text>
                {node.errors.length > 0 && <Badge size="sm" color="red" variant="light">{t('errors')}: {node.errors.length}</Badge>}
                {node.warnings.length > 0 && <Badge size="sm" color="orange" variant="light">{t('warnings')}: {node.warnings.length}</Badge>}
              </Group>
            </Accordion.Control>
            <Accordion.Panel><NodeReport node={node} /></Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
