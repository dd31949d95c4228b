'use client';
/**
 * The new-deployment form: what (a published app version, install or upgrade), where (nodes,
 * a node group or a label selector, with a live preview), how (batch size, stop on failure);
 * checked with the API's contract, then a confirmation summarising it before it starts.
 * The query string may preselect nodes (`nodeIds`, from the map), the app and the kind.
 */
import { decodeMapNodes, type TDeploymentDetail, type TMapNodeList, type TNodeGroup, type TStoreAppDetail } from '@mecport/contracts';
import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { localizedName } from '@/components/ui/localized-text';
import { AppVersionFields } from './app-version-fields';
import {
  deploymentBody, formFieldOfServerError, initialFormValues, normaliseSelector, validateDeploymentForm,
  type TDeploymentFormErrors, type TDeploymentFormField, type TDeploymentFormValues, type TDeploymentKind,
} from './deployment-form-model';
import { DeploymentReview } from './deployment-review';
import { EdgeCrumbs } from './edge-crumbs';
import { TargetFields } from './target-fields';
import { TargetPreview } from './target-preview';
import { useApiResource } from '@/hooks/use-api-resource';
import { useTargetMatch } from './use-target-match';

const KINDS: readonly TDeploymentKind[] = ['install', 'upgrade'];

export function NewDeployment() {
  const t = useTranslations('edgeDeploy');
  const locale = useLocale();
  const router = useRouter();
  const { apiFetch } = useAuth();
  const query = useSearchParams();
  const [values, setValues] = useState<TDeploymentFormValues>(() => initialFormValues(new URLSearchParams(query.toString())));
  const [errors, setErrors] = useState<TDeploymentFormErrors>({});
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [dropped, setDropped] = useState(0);
  const [linkedIds] = useState(() => values.nodeIds);

  const nodes = useApiResource<TMapNodeList>('/api/v1/edge/map/nodes');
  const allNodes = useMemo(() => (nodes.data ? decodeMapNodes(nodes.data) : null), [nodes.data]);
  const groups = useApiResource<{ items: TNodeGroup[] }>('/api/v1/edge/node-groups');
  const app = useApiResource<TStoreAppDetail>(values.appId ? `/api/v1/store/apps/${encodeURIComponent(values.appId)}` : null);
  const appDetail = app.data && app.data.app.id === values.appId ? app.data : null;
  const match = useTargetMatch(values, allNodes);

  const set = (patch: Partial<TDeploymentFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e, target: undefined };
      for (const k of Object.keys(patch)) delete next[k as TDeploymentFormField];
      if ('targetKind' in patch || 'selector' in patch || 'groupId' in patch || 'nodeIds' in patch) { delete next.nodeIds; delete next.groupId; delete next.selector; }
      return next;
    });
  };

  // The newest published version is the usual choice; keep the operator's if it belongs to the app.
  useEffect(() => {
    if (!appDetail) return;
    setValues((v) => (appDetail.versions.some((x) => x.id === v.appVersionId) ? v : { ...v, appVersionId: appDetail.versions[0]?.id ?? null }));
  }, [appDetail]);

  // Nodes from the link that are not (or no longer) deployable are left out, and the form says so.
  const checkedLink = useRef(false);
  useEffect(() => {
    if (!allNodes || checkedLink.current) return;
    checkedLink.current = true;
    const usable = new Set(allNodes.filter((n) => n.status !== 'revoked').map((n) => n.id));
    setDropped(linkedIds.filter((id) => !usable.has(id)).length);
    setValues((v) => ({ ...v, nodeIds: v.nodeIds.filter((id) => usable.has(id)) }));
  }, [allNodes, linkedIds]);

  const targetField: TDeploymentFormField = values.targetKind === 'nodes' ? 'nodeIds' : values.targetKind === 'group' ? 'groupId' : 'selector';
  const err = (field: TDeploymentFormField) => (errors[field] ? t(`form.errors.${errors[field]}`) : undefined);

  const review = (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const found = validateDeploymentForm(values, match.nodes?.length ?? null);
    if (Object.keys(found).length === 0 && match.nodes === null) found[targetField] = 'previewPending';
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) { document.querySelector<HTMLElement>(`[data-field="${first === 'target' ? targetField : first}"]`)?.focus(); return; }
    setReviewing(true);
  };

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await apiFetch('/api/v1/edge/deployments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(deploymentBody(values)) });
      if (!res.ok) {
        const p = await readProblem(res);
        setProblem(p);
        const fields: TDeploymentFormErrors = {};
        for (const fe of p.errors ?? []) { const f = formFieldOfServerError(fe.field, values.targetKind); if (f) fields[f] = 'server'; }
        setErrors(fields);
        return;
      }
      const created = (await res.json()) as TDeploymentDetail;
      router.push(`/edge-map/deployments/${created.id}`);
    } catch (e) {
      setProblem(networkProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const version = appDetail?.versions.find((v) => v.id === values.appVersionId);
  const targetWords = values.targetKind === 'nodes' ? t('review.pickedNodes')
    : values.targetKind === 'group' ? t('target.group', { name: groups.data?.items.find((g) => g.id === values.groupId)?.name ?? '' })
    : t('review.selector', { selector: normaliseSelector(values.selector) });

  return (
    <Stack gap="lg" maw={960} data-testid="new-deployment">
      <EdgeCrumbs trail={[{ href: '/edge-map/deployments', label: t('list.title') }]} current={t('form.title')} />
      <Stack gap={4}>
        <Title order={1}>{t('form.title')}</Title>
        <Text c="dimmed">{t('form.description')}</Text>
      </Stack>
      {app.problem && <Alert color="red" variant="light" data-testid="deploy-app-error">{t('form.appUnavailable')}</Alert>}
      <form onSubmit={review} noValidate data-testid="deployment-form">
        <Stack gap="lg">
          <Fieldset legend={t('form.what')}>
            <Stack gap="md">
              <AppVersionFields appId={values.appId} appVersionId={values.appVersionId} app={appDetail} appError={err('appId')} versionError={err('appVersionId')}
                onApp={(appId) => set({ appId, appVersionId: null })} onVersion={(appVersionId) => set({ appVersionId })} />
              <Radio.Group label={t('form.kind')} value={values.kind} onChange={(v) => set({ kind: v as TDeploymentKind })} data-testid="deploy-kind">
                <Stack gap="xs" mt="xs">
                  {KINDS.map((k) => <Radio key={k} value={k} label={t(`kind.${k}`)} description={t(`form.kindHelp.${k}`)} data-testid={`deploy-kind-${k}`} />)}
                </Stack>
              </Radio.Group>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.where')}>
            <Stack gap="md">
              {dropped > 0 && <Alert color="yellow" variant="light" data-testid="deploy-dropped-nodes">{t('form.droppedNodes', { count: dropped })}</Alert>}
              {nodes.problem && <Alert color="red" variant="light" data-testid="deploy-nodes-error">{t('form.nodesUnavailable')}</Alert>}
              <TargetFields values={values} nodes={allNodes} groups={groups.data?.items ?? null} errors={{ nodeIds: err('nodeIds'), groupId: err('groupId'), selector: err('selector') }} onChange={set} />
              <TargetPreview match={match} batchSize={Number(values.batchSize)} kind={values.kind} appId={values.appId}
                waitingFor={values.targetKind === 'labels' ? values.selector.trim() !== '' : values.targetKind === 'nodes' ? values.nodeIds.length > 0 : values.groupId !== null} />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.how')}>
            <Stack gap="md">
              <NumberInput label={t('form.batchSize')} description={t('form.batchSizeHelp')} required min={1} max={10_000} step={1} allowDecimal={false} allowNegative={false}
                value={values.batchSize} onChange={(v) => set({ batchSize: v })} error={err('batchSize')} maw={240} data-field="batchSize" data-testid="deploy-batch-size" />
              <Checkbox label={t('form.stopOnFailure')} description={t('form.stopOnFailureHelp')} checked={values.stopOnFailure}
                onChange={(e) => set({ stopOnFailure: e.currentTarget.checked })} data-testid="deploy-stop-on-failure" />
            </Stack>
          </Fieldset>
          {errors.target && <Alert color="red" variant="light" data-testid="deploy-form-error">{t(`form.errors.${errors.target}`)}</Alert>}
          <Group>
            <Button type="submit" data-testid="deploy-review">{t('form.review')}</Button>
            <Button component={Link} href="/edge-map/deployments" variant="default">{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
      <DeploymentReview opened={reviewing} app={appDetail ? localizedName(appDetail.app, locale) : ''} version={version?.version ?? ''} kind={values.kind}
        target={targetWords} nodes={match.nodes ?? []} batchSize={Number(values.batchSize)} stopOnFailure={values.stopOnFailure} busy={busy} problem={problem}
        onStart={() => void start()} onBack={() => setReviewing(false)} />
    </Stack>
  );
}
