import { AreaGate } from '@/components/area-gate';
import { NodesList } from '@/components/edge-map/nodes-list';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      <NodesList />
    </AreaGate>
  );
}
