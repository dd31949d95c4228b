/** The certification area's pages answer HTTP 403 to a signed-in role the area does not admit. */
import type { ReactNode } from 'react';
import { assertAreaPage } from '@/server/page-access';

export default async function Layout({ children }: { children: ReactNode }) {
  await assertAreaPage('certification');
  return children;
}
