'use client';
/**
 * The rules configurator (`/edge-map/rules?nodeIds=a,b`, reached from the map's picks): 1. which
 * instances (ZRuleSelection), 2. the draft of rule edits over the instances' current rules (forms
 * with live validation in a dialog), 3. a dry run (nothing is applied before one, and Apply waits
 * while the draft differs from what was dry-run), 4. apply, which opens the change's live rollout.
 */
import { decodeMapNodes, type TAppInstance, type TDryRunReport, type TMapNodeList, type TMp1DnsRule, type TMp1TrafficRule, type TNodeGroup, type TRuleChangeRequest, type TRuleEdit } from '@mecport/contracts';
import { Alert, Anchor, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconFlask, IconPlus, IconSend } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { DnsRuleForm } from './dns-rule-form';
import { DryRunReport } from './dry-run-report';
import { requestKey } from './dry-run-model';
import { RuleDraftTable } from './rule-draft-table';
import { baseRules, isIdTaken, ruleRows, withDelete, withEdit, withoutEdit, withState, type TRuleRow } from './rule-draft-model';
import { dnsFormFromRule, emptyDnsForm, emptyTrafficForm, trafficFormFromRule, type TDnsRuleForm, type TTrafficRuleForm } from './rule-form-model';
import { appsOnNodes, emptyTarget, instancesOnNodes, nodeIdsFromQuery, scopeNodeIds, selectionFromTarget, type TTarget } from './rule-target-model';
import { RuleTargetStep } from './rule-target-step';
import { applyChange, dryRun, useNodesRules } from './rules-api';
import { TrafficRuleForm } from './traffic-rule-form';

/** The draft starts from the rules of this many nodes in scope (an app's rules usually agree across nodes). */
const BASE_NODES = 5;

type TDialog = { kind: 'traffic'; form: TTrafficRuleForm; editing: boolean } | { kind: 'dns'; form: TDnsRuleForm; editing: boolean } | null;

function useTargetData(target: TTarget) {
  const nodesRes = useApiJson<TMapNodeList>('/api/v1/edge/map/nodes');
  const instancesRes = useApiJson<{ items: TAppInstance[] }>('/api/v1/edge/instances?limit=100');
  const groupsRes = useApiJson<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const nodes = useMemo(() => (nodesRes.data ? decodeMapNodes(nodesRes.data) : []), [nodesRes.data]);
  const instances = useMemo(() => instancesRes.data?.items ?? [], [instancesRes.data]);
  const appNames = useMemo(() => new Map(instances.map((i) => [i.appId, i.appName])), [instances]);
  const apps = useMemo(() => (target.kind === 'nodes'
    ? appsOnNodes(nodes, target.nodeIds, appNames)
    : [...appNames].map(([appId, name]) => ({ appId, name, nodes: 0 })).sort((a, b) => a.name.localeCompare(b.name))), [nodes, target.kind, target.nodeIds, appNames]);
  const scope = useMemo(() => scopeNodeIds(target, nodes, instances), [target, nodes, instances]);
  return { nodes, instances, groups: groupsRes.data?.items ?? [], apps, scope, problem: nodesRes.problem ?? instancesRes.problem };
}

export function RulesConfigurator() {
  const t = useTranslations('edgeRules');
  const router = useRouter();
  const { apiFetch } = useAuth();
  const query = useSearchParams();
  const [target, setTarget] = useState<TTarget>(() => emptyTarget(nodeIdsFromQuery(query.get('nodeIds'))));
  const [edits, setEdits] = useState<TRuleEdit[]>([]);
  const [note, setNote] = useState('');
  const [dialog, setDialog] = useState<TDialog>(null);
  const [report, setReport] = useState<{ key: string; report: TDryRunReport } | null>(null);
  const [problem, setProblem] = useState<{ heading: string; problem: TApiProblem } | null>(null);
  const [busy, setBusy] = useState<'dryRun' | 'apply' | null>(null);

  const data = useTargetData(target);
  const { selection, error: targetError } = selectionFromTarget(target);
  const pickedInstances = instancesOnNodes(data.instances, target.nodeIds);
  const rulesOf = useNodesRules(data.scope.slice(0, BASE_NODES));
  const targetInstanceIds = useMemo(() => {
    if (target.kind === 'instances') return new Set(target.appInstanceIds);
    const appName = data.apps.find((a) => a.appId === target.appId)?.name;
    return new Set(rulesOf.nodes.flatMap((n) => n.instances.filter((i) => i.appName === appName || data.instances.some((x) => x.id === i.appInstanceId && x.appId === target.appId)).map((i) => i.appInstanceId)));
  }, [target, data.apps, data.instances, rulesOf.nodes]);
  const base = useMemo(() => baseRules(rulesOf.nodes, targetInstanceIds), [rulesOf.nodes, targetInstanceIds]);
  const rows = useMemo(() => ruleRows(base, edits), [base, edits]);

  const request: TRuleChangeRequest | null = selection && edits.length > 0 ? { selection, edits, note: note.trim() } : null;
  const currentKey = requestKey(request);
  const current = report && report.key === currentKey ? report.report : null;
  const appNames = useMemo(() => new Map([...rulesOf.nodes.flatMap((n) => n.instances.map((i) => [i.appInstanceId, i.appName] as const)), ...data.instances.map((i) => [i.id, i.appName] as const)]), [rulesOf.nodes, data.instances]);

  const changeTarget = (patch: Partial<TTarget>) => { setTarget((tg) => ({ ...tg, ...patch })); setEdits([]); };
  const edit = (row: TRuleRow) => setDialog(row.kind === 'traffic'
    ? { kind: 'traffic', form: trafficFormFromRule(row.rule as TMp1TrafficRule), editing: true }
    : { kind: 'dns', form: dnsFormFromRule(row.rule as TMp1DnsRule), editing: true });
  const idTaken = (kind: 'traffic' | 'dns') => (id: string) => isIdTaken(base, edits, kind, id);

  const runDryRun = async () => {
    if (!request) return;
    setBusy('dryRun');
    setProblem(null);
    const answer = await dryRun(apiFetch, request);
    setBusy(null);
    if (answer.ok) setReport({ key: requestKey(request), report: answer.data });
    else setProblem({ heading: t('dryRun.failed'), problem: answer.problem });
  };
  const apply = async () => {
    if (!request) return;
    setBusy('apply');
    setProblem(null);
    const answer = await applyChange(apiFetch, request);
    if (answer.ok) { router.push(`/edge-map/rules/changes/${answer.data.id}`); return; }
    setBusy(null);
    if (answer.report) setReport({ key: requestKey(request), report: answer.report });
    setProblem({ heading: answer.report ? t('apply.refused') : t('apply.failed'), problem: answer.problem });
  };

  return (
    <Stack gap="md" data-testid="rules-configurator">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{t('description')}</Text>
        </Stack>
        <Group gap="md">
          <Anchor component={Link} href="/edge-map/rules/changes" size="sm">{t('changesLink')}</Anchor>
          <Anchor component={Link} href="/edge-map" size="sm">{t('back')}</Anchor>
        </Group>
      </Group>
      {data.problem && <ProblemAlert heading={t('target.heading')} problem={data.problem} />}

      <Card withBorder component="section" aria-labelledby="rules-target-heading">
        <Title order={2} size="h4" id="rules-target-heading" mb="sm">{t('target.heading')}</Title>
        <RuleTargetStep target={target} onChange={changeTarget} apps={data.apps} instances={pickedInstances} groups={data.groups} inScope={data.scope.length} error={targetError} />
      </Card>

      <Card withBorder component="section" aria-labelledby="rules-draft-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="rules-draft-heading">{t('draft.heading')}</Title>
          <Group gap="xs">
            <Button size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} disabled={!selection} onClick={() => setDialog({ kind: 'traffic', form: emptyTrafficForm(), editing: false })} data-testid="add-traffic-rule">{t('draft.addTraffic')}</Button>
            <Button size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} disabled={!selection} onClick={() => setDialog({ kind: 'dns', form: emptyDnsForm(), editing: false })} data-testid="add-dns-rule">{t('draft.addDns')}</Button>
          </Group>
        </Group>
        {rulesOf.loading && data.scope.length > 0 && <Text size="sm" c="dimmed" aria-busy="true">{t('draft.loadingRules')}</Text>}
        {rulesOf.problem && <ProblemAlert heading={t('panel.failed')} problem={rulesOf.problem} testId="draft-rules-error" />}
        {rulesOf.nodes.length > 0 && <Text size="xs" c="dimmed" mb="xs">{t('draft.baseFrom', { count: rulesOf.nodes.length })}</Text>}
        {rows.length === 0 ? <Text size="sm" c="dimmed" data-testid="draft-empty">{t('draft.empty')}</Text> : (
          <RuleDraftTable rows={rows} onEdit={edit}
            onState={(kind, id, state) => setEdits((e) => withState(e, base, kind, id, state))}
            onDelete={(kind, id) => setEdits((e) => withDelete(e, base, kind, id))}
            onUndo={(kind, id) => setEdits((e) => withoutEdit(e, kind, id))} />
        )}
        <Group justify="space-between" mt="sm" align="flex-end">
          <Text size="sm" role="status" data-testid="draft-edit-count" data-count={edits.length}>{t('draft.editCount', { count: edits.length })}</Text>
          <Textarea label={t('draft.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={1} w={360} data-testid="change-note" />
        </Group>
      </Card>

      <Card withBorder component="section" aria-labelledby="rules-dry-run-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="rules-dry-run-heading">{t('dryRun.heading')}</Title>
          <Button leftSection={<IconFlask size={16} aria-hidden="true" />} onClick={() => void runDryRun()} disabled={!request} loading={busy === 'dryRun'} data-testid="dry-run">
            {report ? t('dryRun.rerun') : t('dryRun.run')}
          </Button>
        </Group>
        {problem && <ProblemAlert heading={problem.heading} problem={problem.problem} testId="rules-problem" onClose={() => setProblem(null)} />}
        {!report && <Text size="sm" c="dimmed" data-testid="dry-run-not-yet">{t('dryRun.notYet')}</Text>}
        {report && !current && <Alert color="yellow" variant="light" data-testid="dry-run-stale">{t('dryRun.stale')}</Alert>}
        {current && <DryRunReport report={current} appNames={appNames} />}
      </Card>

      <Card withBorder component="section" aria-labelledby="rules-apply-heading">
        <Group justify="space-between">
          <Title order={2} size="h4" id="rules-apply-heading">{t('apply.heading')}</Title>
          <Button color="green" leftSection={<IconSend size={16} aria-hidden="true" />} disabled={!current?.canApply} loading={busy === 'apply'} onClick={() => void apply()} data-testid="apply-rules">
            {t('apply.button', { count: current?.totals.nodes ?? 0 })}
          </Button>
        </Group>
      </Card>

      <Modal opened={dialog !== null} onClose={() => setDialog(null)} size="xl" title={dialog?.kind === 'dns' ? t('form.dnsTitle') : t('form.trafficTitle')} data-testid="rule-dialog">
        {dialog?.kind === 'traffic' && (
          <TrafficRuleForm initial={dialog.form} editing={dialog.editing} idTaken={idTaken('traffic')} onCancel={() => setDialog(null)} onSave={(rule) => { setEdits((x) => withEdit(x, { op: 'putTraffic', rule })); setDialog(null); }} />
        )}
        {dialog?.kind === 'dns' && (
          <DnsRuleForm initial={dialog.form} editing={dialog.editing} idTaken={idTaken('dns')} onCancel={() => setDialog(null)} onSave={(rule) => { setEdits((x) => withEdit(x, { op: 'putDns', rule })); setDialog(null); }} />
        )}
      </Modal>
    </Stack>
  );
}
