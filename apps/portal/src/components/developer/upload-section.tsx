'use client';
/**
 * "Upload a version". Package upload arrives with the upload pipeline (tus at /api/v1/uploads);
 * until that endpoint answers OPTIONS with tus headers, this section says so plainly.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

export function UploadSection() {
  const t = useTranslations('developer.upload');
  const [tusVersion, setTusVersion] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch('/api/v1/uploads', { method: 'OPTIONS' })
      .then((r) => live && setTusVersion(r.ok || r.status === 204 ? r.headers.get('tus-version') : null))
      .catch(() => live && setTusVersion(null));
    return () => { live = false; };
  }, []);
  return (
    <Stack gap="sm" component="section" data-testid="upload-section" data-tus={tusVersion ?? 'none'}>
      <Title order={2} size="h3">{t('title')}</Title>
      <Alert color="blue" variant="light" icon={<IconUpload aria-hidden="true" />} data-testid="upload-not-built">
        <Text size="sm">{t('notYet')}</Text>
        {tusVersion && <Text size="sm" mt="xs">{t('endpointReady', { version: tusVersion })}</Text>}
      </Alert>
    </Stack>
  );
}
