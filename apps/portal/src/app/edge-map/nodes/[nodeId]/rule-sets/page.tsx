import { AreaGate } from '@/components/area-gate';
import { NodeRuleHistory } from '@/components/edge-rules/node-rule-history';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default async function Page({ params }: { params: Promise<{ nodeId: string }> }) {
  const { nodeId } = await params;
  return (
    <AreaGate areaId="edgeMap">
      <NodeRuleHistory nodeId={nodeId} />
    </AreaGate>
  );
}
