'use client';
/** The draft's rules in one table: what each does, its state, what the draft changes, and edit / switch / delete / undo per rule. */
import { ActionIcon, Badge, Group, Table, Text } from '@mantine/core';
import { IconArrowBackUp, IconPencil, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { ruleSummary } from './dry-run-model';
import type { TRowChange, TRuleKind, TRuleRow } from './rule-draft-model';

const CHANGE_COLOR: Record<TRowChange, string> = { unchanged: 'gray', added: 'green', changed: 'blue', disabled: 'orange', enabled: 'teal', deleted: 'red' };

export interface TRuleDraftTableProps {
  rows: readonly TRuleRow[];
  onEdit: (row: TRuleRow) => void;
  onState: (kind: TRuleKind, ruleId: string, state: 'ACTIVE' | 'INACTIVE') => void;
  onDelete: (kind: TRuleKind, ruleId: string) => void;
  onUndo: (kind: TRuleKind, ruleId: string) => void;
}

export function RuleDraftTable({ rows, onEdit, onState, onDelete, onUndo }: TRuleDraftTableProps) {
  const t = useTranslations('edgeRules.draft');
  const tState = useTranslations('edgeRules.states');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="rule-draft-table">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('kind')}</Table.Th><Table.Th>{t('rule')}</Table.Th><Table.Th>{t('match')}</Table.Th><Table.Th>{t('state')}</Table.Th><Table.Th>{t('change')}</Table.Th><Table.Th>{t('actions')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const name = row.ruleId;
            const deleted = row.change === 'deleted';
            return (
              <Table.Tr key={`${row.kind}:${row.ruleId}`} data-testid="rule-row" data-kind={row.kind} data-rule-id={row.ruleId} data-change={row.change}>
                <Table.Td><Badge size="sm" variant="light" color={row.kind === 'dns' ? 'grape' : 'blue'}>{t(row.kind)}</Badge></Table.Td>
                <Table.Td><Text size="sm" fw={600} td={deleted ? 'line-through' : undefined}>{name}</Text></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" td={deleted ? 'line-through' : undefined}>{ruleSummary(row.rule)}</Text></Table.Td>
                <Table.Td>{tState(row.rule.state)}</Table.Td>
                <Table.Td><Badge size="sm" variant="light" color={CHANGE_COLOR[row.change]}>{t(`changes.${row.change}`)}</Badge></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {!deleted && (
                      <>
                        <ActionIcon variant="subtle" aria-label={t('edit', { rule: name })} title={t('edit', { rule: name })} onClick={() => onEdit(row)} data-testid="rule-edit"><IconPencil size={16} aria-hidden="true" /></ActionIcon>
                        {row.rule.state === 'ACTIVE' ? (
                          <ActionIcon variant="subtle" color="orange" aria-label={t('disable', { rule: name })} title={t('disable', { rule: name })} onClick={() => onState(row.kind, row.ruleId, 'INACTIVE')} data-testid="rule-disable"><IconPlayerPause size={16} aria-hidden="true" /></ActionIcon>
                        ) : (
                          <ActionIcon variant="subtle" color="teal" aria-label={t('enable', { rule: name })} title={t('enable', { rule: name })} onClick={() => onState(row.kind, row.ruleId, 'ACTIVE')} data-testid="rule-enable"><IconPlayerPlay size={16} aria-hidden="true" /></ActionIcon>
                        )}
                        <ActionIcon variant="subtle" color="red" aria-label={t('delete', { rule: name })} title={t('delete', { rule: name })} onClick={() => onDelete(row.kind, row.ruleId)} data-testid="rule-delete"><IconTrash size={16} aria-hidden="true" /></ActionIcon>
                      </>
                    )}
                    {row.change !== 'unchanged' && row.change !== 'added' && (
                      <ActionIcon variant="subtle" color="gray" aria-label={t('undo', { rule: name })} title={t('undo', { rule: name })} onClick={() => onUndo(row.kind, row.ruleId)} data-testid="rule-undo"><IconArrowBackUp size={16} aria-hidden="true" /></ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
