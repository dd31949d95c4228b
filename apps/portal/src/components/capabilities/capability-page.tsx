'use client';
/**
 * One capability's page: title, badges and description in the UI language; for a platform API
 * whether the sandbox emulates it and its official reference (per spec: versions, operations,
 * code samples, "try it"); used by, provided by and the nodes offering it now; the curation form
 * for store admins.
 */
import type { TCapabilityDetail } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import { Alert, Anchor, Breadcrumbs, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFlask, IconInfoCircle } from '@tabler/icons-react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useViewer } from '@/auth/use-viewer';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useApiJson } from '@/hooks/use-api-json';
import { CapabilityBadges } from './capability-badges';
import { CapabilityRelations } from './capability-relations';
import { capabilityApiPath, capabilityDescription, capabilityTitle } from './capability-text';
import { CurationForm } from './curation-form';
import { SpecReference } from './spec-reference';

const CURATORS = ['store-admin', 'admin'];

function EmulationNote({ c }: { c: TCapabilityDetail }) {
  const t = useTranslations('capabilities');
  if (c.emulated === null) return null;
  return c.emulated ? (
    <Alert color="green" variant="light" icon={<IconFlask aria-hidden="true" />} data-testid="emulation-note" data-emulated="true">
      {t('emulatedNote')} <Anchor component={Link} href="/sandboxes" c="dark" underline="always">{t('openSandboxes')}</Anchor>
    </Alert>
  ) : (
    <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} data-testid="emulation-note" data-emulated="false">
      {t('notEmulatedNote')}
    </Alert>
  );
}

export function CapabilityPage({ capabilityId }: { capabilityId: string }) {
  const t = useTranslations('capabilities');
  const locale = useLocale();
  const viewer = useViewer();
  const path = capabilityApiPath({ id: capabilityId });
  const detail = useApiJson<TCapabilityDetail>(path);
  const c = detail.data;
  // The caller's sandboxes, for "try it" (only where the sandbox emulates the API).
  const sandboxes = useApiJson<{ items: TSandbox[] }>(c?.emulated ? '/api/v1/sandboxes?limit=100' : null);
  const sandboxList = sandboxes.data?.items ?? (sandboxes.problem ? [] : null);
  const canCurate = viewer?.roles.some((r) => CURATORS.includes(r)) ?? false;

  return (
    <Stack gap="lg" maw={1100} data-testid="capability-page">
      <Breadcrumbs>
        <Anchor component={Link} href="/capabilities">{t('title')}</Anchor>
        <Text>{c ? capabilityTitle(c, locale) : t('loading')}</Text>
      </Breadcrumbs>
      {detail.problem && !c && <ProblemAlert heading={t('notFound')} problem={detail.problem} testId="capability-problem" />}
      {!c && !detail.problem && <Group role="status"><Loader size="sm" aria-hidden="true" /><Text>{t('loading')}</Text></Group>}
      {c && (
        <>
          <Stack gap="xs">
            <Title order={1} data-testid="capability-title">{capabilityTitle(c, locale)}</Title>
            {c.kind === 'service' && <Text size="sm">{t('serName')} <Code>{c.name}</Code></Text>}
            <CapabilityBadges c={c} />
            {c.versions.length > 0 && <Text size="sm" c="dimmed" data-testid="capability-versions">{t('versions', { versions: c.versions.join(', ') })}</Text>}
            <Text data-testid="capability-page-description" style={{ whiteSpace: 'pre-line' }}>{capabilityDescription(c, locale) || t('noDescription')}</Text>
            {c.deprecated && <Alert color="red" variant="light" data-testid="capability-deprecated-note">{t('deprecatedNote')}</Alert>}
          </Stack>
          <EmulationNote c={c} />
          {canCurate && <CurationForm key={c.curation.updatedAt ?? 'new'} c={c} curation={c.curation} onSaved={detail.reload} />}
          {c.specs.map((spec) => <SpecReference key={spec.id} spec={spec} emulated={c.emulated === true} sandboxes={sandboxList} />)}
          <CapabilityRelations c={c} />
        </>
      )}
    </Stack>
  );
}
