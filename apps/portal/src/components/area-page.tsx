'use client';
/**
 * The page of an area that is not built yet: its <h1>, what it will do, and the "Not built yet"
 * notice, behind the area's access check. `children` is what already works in the area.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import type { TAreaId } from '@/navigation/areas';
import { AreaGate } from './area-gate';

export function AreaPage({ areaId, children }: { areaId: TAreaId; children?: React.ReactNode }) {
  const t = useTranslations();
  return (
    <AreaGate areaId={areaId}>
      <Stack gap="lg" maw={860} data-testid={`area-${areaId}`}>
        <Title order={1}>{t(`areas.${areaId}.title`)}</Title>
        <Stack gap="md">
          <Text data-testid="area-description">{t(`areas.${areaId}.description`)}</Text>
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} title={t('notBuilt.title')} data-testid="area-not-built">
            {t('notBuilt.body')}
          </Alert>
          {children}
        </Stack>
      </Stack>
    </AreaGate>
  );
}
