import { AreaPage } from '@/components/area-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('capabilities');

export default function Page() {
  return <AreaPage areaId="capabilities" />;
}
