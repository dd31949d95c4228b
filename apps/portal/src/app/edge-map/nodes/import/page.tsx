/** `/edge-map/nodes/import`: the node list with the import dialog open (a browser's GET, a bookmark). */
import { AreaGate } from '@/components/area-gate';
import { NodesList } from '@/components/edge-map/nodes-list';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      <NodesList openImport />
    </AreaGate>
  );
}
