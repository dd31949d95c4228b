import { AreaGate } from '@/components/area-gate';
import { DeploymentDetail } from '@/components/edge-deploy/deployment-detail';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default async function Page({ params }: { params: Promise<{ deploymentId: string }> }) {
  const { deploymentId } = await params;
  return (
    <AreaGate areaId="edgeMap">
      <DeploymentDetail deploymentId={deploymentId} />
    </AreaGate>
  );
}
