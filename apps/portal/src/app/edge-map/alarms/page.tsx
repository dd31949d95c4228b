import { Suspense } from 'react';
import { AreaGate } from '@/components/area-gate';
import { AlarmsList } from '@/components/edge-deploy/alarms-list';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      {/* the state filter lives in the query string */}
      <Suspense>
        <AlarmsList />
      </Suspense>
    </AreaGate>
  );
}
