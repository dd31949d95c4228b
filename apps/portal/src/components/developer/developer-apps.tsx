'use client';
/** The developer workspace's home: the tenant's apps (newest first, "load more"), with a call to create one. */
import type { TApp } from '@mecport/contracts';
import { Alert, Anchor, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { AppIcon } from '@/components/ui/app-icon';
import { localizedName } from '@/components/ui/localized-text';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { usePagedList } from '@/hooks/use-paged-list';

export function DeveloperApps() {
  const t = useTranslations('developer');
  const tStore = useTranslations('store');
  const locale = useLocale();
  const format = useFormatter();
  const { me } = useAuth();
  const { items: apps, nextCursor: next, problem, loadMore } = usePagedList<TApp>('/api/v1/apps?limit=20');

  const create = (
    <Button component={Link} href="/developer/apps/new" leftSection={<IconPlus size={16} aria-hidden="true" />} data-testid="create-app-button">
      {t('apps.create')}
    </Button>
  );

  return (
    <Stack gap="lg" maw={1100} data-testid="developer-apps">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('apps.title')}</Title>
          <Text c="dimmed">{t('apps.description', { tenant: me?.tenant.name ?? '' })}</Text>
        </Stack>
        {apps && apps.length > 0 && create}
      </Group>
      {/* What is not here yet, said plainly (the shell's e2e test looks for this notice in every area) */}
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} data-testid="area-not-built">{t('apps.uploadNotice')}</Alert>
      {problem && <ProblemAlert heading={t('apps.failed')} problem={problem} testId="developer-apps-error" />}
      {apps === null && !problem && <Stack gap="xs" aria-busy="true" data-testid="developer-apps-loading">{[0, 1, 2].map((i) => <Skeleton key={i} height={44} />)}</Stack>}
      {apps?.length === 0 && (
        <Card withBorder padding="xl" data-testid="developer-apps-empty">
          <Stack align="center" gap="sm">
            <Text fw={600}>{t('apps.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">{t('apps.emptyBody')}</Text>
            {create}
          </Stack>
        </Card>
      )}
      {apps && apps.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="developer-apps-table">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('apps.name')}</Table.Th><Table.Th>{t('form.provider')}</Table.Th><Table.Th>{t('form.category')}</Table.Th><Table.Th>{t('apps.updated')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.map((app) => (
                <Table.Tr key={app.id} data-testid="developer-app-row" data-slug={app.slug}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <AppIcon name={app.name} iconUrl={app.iconUrl} size={32} />
                      <Stack gap={0}>
                        <Anchor component={Link} href={`/developer/apps/${app.id}`} fw={600}>{localizedName(app, locale)}</Anchor>
                        <Text size="xs" c="dimmed">{app.slug}</Text>
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>{app.provider}</Table.Td>
                  <Table.Td><Badge variant="light" color="gray">{tStore(`categories.${app.category}`)}</Badge></Table.Td>
                  <Table.Td>{format.dateTime(new Date(app.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {next && <Button variant="light" w="fit-content" onClick={loadMore} data-testid="developer-apps-more">{t('apps.more')}</Button>}
    </Stack>
  );
}
