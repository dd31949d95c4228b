import { Suspense } from 'react';
import { AreaGate } from '@/components/area-gate';
import { RulesConfigurator } from '@/components/edge-rules/rules-configurator';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      {/* the configurator reads the map's picks from ?nodeIds= */}
      <Suspense>
        <RulesConfigurator />
      </Suspense>
    </AreaGate>
  );
}
