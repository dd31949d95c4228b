import { AreaGate } from '@/components/area-gate';
import { RuleChangesList } from '@/components/edge-rules/rule-changes-list';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default function Page() {
  return (
    <AreaGate areaId="edgeMap">
      <RuleChangesList />
    </AreaGate>
  );
}
