'use client';
/**
 * Who publishes an app, under its provider line; and, when the package's AppD names another
 * provider than the publishing tenant, a notice saying both (issue 10: a package cannot pass as
 * another provider's unnoticed).
 */
import type { TStoreAppDetail } from '@mecport/contracts';
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useLocale, useTranslations } from 'next-intl';

export function PublisherNote({ publisher, appProvider }: { publisher: TStoreAppDetail['publisher']; appProvider: string | null }) {
  const t = useTranslations('apiContract.publisher');
  const locale = useLocale();
  const tenant = locale === 'zh-CN' && publisher.nameZh ? publisher.nameZh : publisher.name;
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="store-app-publisher">{t('publishedBy', { tenant })}</Text>
      {publisher.appProviderDiffers && appProvider !== null && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} aria-hidden="true" />} data-testid="store-app-provider-differs">
          {t('providerDiffers', { provider: appProvider, tenant })}
        </Alert>
      )}
    </>
  );
}
