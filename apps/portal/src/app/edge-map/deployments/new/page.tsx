import { Suspense } from 'react';
import { AreaGate } from '@/components/area-gate';
import { NewDeployment } from '@/components/edge-deploy/new-deployment';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      {/* the form reads its preselection (nodeIds, appId, kind) from the query string */}
      <Suspense>
        <NewDeployment />
      </Suspense>
    </AreaGate>
  );
}
