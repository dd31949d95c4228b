import { AreaGate } from '@/components/area-gate';
import { NodePage } from '@/components/edge-map/node-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default async function Page({ params }: { params: Promise<{ nodeId: string }> }) {
  const { nodeId } = await params;
  return (
    <AreaGate areaId="edgeMap">
      <NodePage nodeId={nodeId} />
    </AreaGate>
  );
}
