import { AreaPage } from '@/components/area-page';
import { AuditTrail } from '@/components/audit-trail';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('admin');

export default function Page() {
  return (
    <AreaPage areaId="admin">
      <AuditTrail />
    </AreaPage>
  );
}
