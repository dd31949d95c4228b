import { AreaGate } from '@/components/area-gate';
import { NodeCreate } from '@/components/edge-map/node-create';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      <NodeCreate />
    </AreaGate>
  );
}
