'use client';
/** An app's public store page: listing, media, versions, AppD summary, ratings, comments and download. */
import type { TRatingSummary, TStoreAppDetail } from '@mecport/contracts';
import { Anchor, Badge, Breadcrumbs, Card, Group, Image, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCertificate, IconDownload, IconExternalLink, IconMovie } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { AppIcon } from '@/components/ui/app-icon';
import { AppdSummaryView } from './appd-summary-view';
import { Comments } from './comments';
import { DownloadButton } from './download-button';
import { MarkdownText } from './markdown-text';
import { MyRating } from './my-rating';
import { PublisherNote } from './publisher-note';
import { formatBytes } from '@/components/ui/format-bytes';
import { localizedDescriptions, localizedName } from '@/components/ui/localized-text';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { RatingStars } from './rating-stars';
import { TryItButton } from '@/components/sandbox/try-it-button';
import { WorkloadKind } from './workload-kind';

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap="sm" component="section" data-testid={testId}>
      <Title order={2} size="h3">{title}</Title>
      {children}
    </Stack>
  );
}

export function StoreAppPage({ appId }: { appId: string }) {
  const t = useTranslations('store');
  const locale = useLocale();
  const format = useFormatter();
  const { status } = useAuth();
  const [detail, setDetail] = useState<TStoreAppDetail | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const res = await fetch(`/api/v1/store/apps/${encodeURIComponent(appId)}`, { headers: { Accept: 'application/json' } });
      if (!res.ok) { setProblem(await readProblem(res)); return; }
      setDetail((await res.json()) as TStoreAppDetail);
    } catch (e) {
      setProblem(networkProblem(e));
    }
  }, [appId]);
  useEffect(() => { void load(); }, [load]);

  const setSummary = useCallback((rating: TRatingSummary) => setDetail((d) => (d ? { ...d, rating } : d)), []);

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} href="/store" size="sm">{t('catalog.title')}</Anchor>
      {detail && <Text size="sm">{localizedName(detail.app, locale)}</Text>}
    </Breadcrumbs>
  );

  if (problem) {
    return (
      <Stack gap="lg" maw={1000} data-testid="store-app">
        {crumbs}
        <Title order={1}>{t('app.notAvailable')}</Title>
        <ProblemAlert heading={t('app.failed')} problem={problem} testId="store-app-error" />
      </Stack>
    );
  }
  if (!detail) {
    return (
      <Stack gap="lg" maw={1000} data-testid="store-app-loading" aria-busy="true">
        {crumbs}
        <Group gap="md"><Skeleton height={72} width={72} radius="md" /><Stack gap={8} style={{ flex: 1 }}><Skeleton height={24} width="50%" /><Skeleton height={14} width="30%" /></Stack></Group>
        <Skeleton height={120} /><Skeleton height={200} />
      </Stack>
    );
  }

  const { app, versions, appd } = detail;
  const name = localizedName(app, locale);
  const otherName = name === app.name ? app.nameZh : app.name;
  const latest = versions[0];
  const certified = versions.some((v) => v.certifiedAt !== null);
  const descriptions = localizedDescriptions(app, locale);

  return (
    <Stack gap="xl" maw={1000} data-testid="store-app" data-app-id={app.id}>
      {crumbs}
      <Group gap="lg" align="flex-start" wrap="nowrap">
        <AppIcon name={app.name} iconUrl={app.iconUrl} size={72} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Title order={1} data-testid="store-app-name">{name}</Title>
          {otherName && <Text c="dimmed" lang={otherName === app.nameZh ? 'zh-CN' : 'en'}>{otherName}</Text>}
          <Text data-testid="store-app-provider">{t('app.by', { provider: app.provider })}</Text>
          <PublisherNote publisher={detail.publisher} appProvider={appd?.appProvider ?? null} />
          <Group gap={6}>
            <Badge variant="light" color="gray">{t(`categories.${app.category}`)}</Badge>
            {app.industry && <Badge variant="light" color="grape">{app.industry}</Badge>}
            {certified && <Badge variant="light" color="green" leftSection={<IconCertificate size={12} aria-hidden="true" />}>{t('catalog.certified')}</Badge>}
            {app.tags.map((tag) => <Badge key={tag} size="sm" variant="outline" tt="none">{tag}</Badge>)}
          </Group>
          <Group gap="lg">
            <RatingStars rating={detail.rating} />
            <Group gap={4}><IconDownload size={16} aria-hidden="true" /><Text size="sm" data-testid="store-app-downloads">{t('catalog.downloads', { count: detail.downloads })}</Text></Group>
          </Group>
        </Stack>
        {latest && status === 'authenticated' && (
          <Stack gap="sm" align="flex-end">
            <DownloadButton appId={app.id} versionId={latest.id} fileName={`${app.slug}-${latest.version}.csar`} />
            {app.experienceable && <TryItButton appId={app.id} />}
          </Stack>
        )}
      </Group>
      {latest && status === 'anonymous' && <Text size="sm" c="dimmed" data-testid="download-sign-in">{t('app.signInToDownload')}</Text>}

      <Section title={t('app.description')} testId="store-app-descriptions">
        {descriptions.length === 0 && <Text c="dimmed">{t('app.noDescription')}</Text>}
        {descriptions.map((d, i) => (
          <Stack key={d.lang} gap={4} lang={d.lang}>
            {descriptions.length > 1 && <Text size="xs" c="dimmed" fw={600} tt="uppercase">{t(`app.lang.${d.lang === 'en' ? 'en' : 'zh'}`)}</Text>}
            <MarkdownText source={d.text} testId={i === 0 ? 'store-app-description' : undefined} />
          </Stack>
        ))}
      </Section>

      {(app.screenshots.length > 0 || app.videoUrl) && (
        <Section title={t('app.media')} testId="store-app-media">
          {app.screenshots.length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {app.screenshots.map((src, i) => (
                <Anchor key={src} href={src} target="_blank" rel="noopener noreferrer">
                  <Image src={src} alt={t('app.screenshot', { n: i + 1, name })} radius="md" h={160} fit="cover" />
                </Anchor>
              ))}
            </SimpleGrid>
          )}
          {app.videoUrl && (
            <Anchor href={app.videoUrl} target="_blank" rel="noopener noreferrer" data-testid="store-app-video">
              <Group gap={6}><IconMovie size={16} aria-hidden="true" />{t('app.video')}<IconExternalLink size={14} aria-hidden="true" /></Group>
            </Anchor>
          )}
        </Section>
      )}

      <Section title={t('app.versions')} testId="store-app-versions">
        <Table.ScrollContainer minWidth={680}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('app.version')}</Table.Th><Table.Th>{t('app.architecture')}</Table.Th><Table.Th>{t('workload.title')}</Table.Th><Table.Th>{t('app.published')}</Table.Th><Table.Th>{t('app.size')}</Table.Th><Table.Th>{t('app.certification')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.id} data-testid="store-app-version">
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{v.architecture}</Table.Td>
                  <Table.Td><WorkloadKind workload={v.workload} /></Table.Td>
                  <Table.Td>{v.publishedAt ? format.dateTime(new Date(v.publishedAt), { dateStyle: 'medium' }) : '–'}</Table.Td>
                  <Table.Td>{formatBytes(v.packageSize, format)}</Table.Td>
                  <Table.Td>{v.certifiedAt ? <Badge size="sm" variant="light" color="green">{t('catalog.certified')}</Badge> : t('app.notCertified')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section title={t('appd.title')}>
        {appd ? <AppdSummaryView appd={appd} /> : <Text c="dimmed">{t('appd.missing')}</Text>}
      </Section>

      <Section title={t('rating.title')} testId="store-app-ratings">
        <Card withBorder padding="md">
          <Stack gap="sm">
            <RatingStars rating={detail.rating} size="md" />
            {status === 'authenticated' ? <MyRating appId={app.id} onSummary={setSummary} /> : status === 'anonymous' ? <Text size="sm" c="dimmed">{t('rating.signIn')}</Text> : null}
          </Stack>
        </Card>
      </Section>

      <Comments appId={app.id} />
    </Stack>
  );
}
