import { AreaGate } from '@/components/area-gate';
import { RuleChangePage } from '@/components/edge-rules/rule-change-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default async function Page({ params }: { params: Promise<{ changeId: string }> }) {
  const { changeId } = await params;
  return (
    <AreaGate areaId="edgeMap">
      <RuleChangePage changeId={changeId} />
    </AreaGate>
  );
}
