import { StoreAppPage } from '@/components/store/store-app-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('store');

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <StoreAppPage appId={appId} />;
}
