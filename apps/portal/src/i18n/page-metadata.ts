/** Translated `<title>`s for the server pages: "Edge map · MECport". */
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { TAreaId } from '@/navigation/areas';

export async function areaMetadata(areaId: TAreaId): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('app.titleTemplate', { page: t(`areas.${areaId}.title`) }), description: t(`areas.${areaId}.description`) };
}
