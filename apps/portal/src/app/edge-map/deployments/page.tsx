import { AreaGate } from '@/components/area-gate';
import { DeploymentsList } from '@/components/edge-deploy/deployments-list';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      <DeploymentsList />
    </AreaGate>
  );
}
