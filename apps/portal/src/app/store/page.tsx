import { Suspense } from 'react';
import { StoreCatalog } from '@/components/store/store-catalog';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('store');

export default function Page() {
  // useSearchParams() in the catalog needs a Suspense boundary
  return (
    <Suspense>
      <StoreCatalog />
    </Suspense>
  );
}
