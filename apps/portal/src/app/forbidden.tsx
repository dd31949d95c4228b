'use client';
/**
 * What a page answers with HTTP 403 (`forbidden()` in an area's layout): the area's own access
 * message, as its AreaGate shows it in the browser.
 */
import { Text } from '@mantine/core';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { AreaGate } from '@/components/area-gate';
import { areaForPath } from '@/navigation/areas';

export default function Forbidden() {
  const t = useTranslations('apiContract.forbiddenPage');
  const area = areaForPath(usePathname());
  const reload = <Text data-testid="forbidden-reload">{t('reload')}</Text>;
  return area ? <AreaGate areaId={area.id}>{reload}</AreaGate> : reload;
}
