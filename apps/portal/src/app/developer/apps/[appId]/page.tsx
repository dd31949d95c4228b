import { Suspense } from 'react';
import { DeveloperAppPage } from '@/components/developer/developer-app-page';
import { AreaGate } from '@/components/area-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('developer');

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return (
    <AreaGate areaId="developer">
      <Suspense>
        <DeveloperAppPage appId={appId} />
      </Suspense>
    </AreaGate>
  );
}
