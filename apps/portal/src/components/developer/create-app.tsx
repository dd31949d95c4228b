'use client';
/** "Create app": the listing form; on success, on to the new app's page. */
import type { TApp } from '@mecport/contracts';
import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem } from '@/components/ui/api-problem';
import { AppForm } from './app-form';
import { createBody, EMPTY_APP_FORM } from './app-form-model';

export function CreateApp() {
  const t = useTranslations('developer');
  const { apiFetch } = useAuth();
  const router = useRouter();
  return (
    <Stack gap="lg" data-testid="create-app">
      <Breadcrumbs>
        <Anchor component={Link} href="/developer" size="sm">{t('apps.title')}</Anchor>
        <Text size="sm">{t('create.title')}</Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={1}>{t('create.title')}</Title>
        <Text c="dimmed">{t('create.description')}</Text>
      </Stack>
      <AppForm
        mode="create"
        initial={EMPTY_APP_FORM}
        onCancel={() => router.push('/developer')}
        onSubmit={async (values) => {
          try {
            const res = await apiFetch('/api/v1/apps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(createBody(values)) });
            if (!res.ok) return await readProblem(res);
            const app = (await res.json()) as TApp;
            router.push(`/developer/apps/${app.id}?created=1`);
            return null;
          } catch (e) {
            return networkProblem(e);
          }
        }}
      />
    </Stack>
  );
}
