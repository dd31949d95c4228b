import { Suspense } from 'react';
import { AreaGate } from '@/components/area-gate';
import { EdgeMapPage } from '@/components/edge-map/edge-map-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      {/* the map keeps its filters and the open node in the query string */}
      <Suspense>
        <EdgeMapPage />
      </Suspense>
    </AreaGate>
  );
}
