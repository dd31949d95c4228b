/**
 * The server's half of an area's access check, for the HTTP status of its pages: a signed-in
 * role the area does not admit gets 403 (`forbidden()`, rendered by `app/forbidden.tsx` with the
 * same message the page shows). Anonymous visitors and expired or unreadable cookies get the page
 * as before (200): the browser's AreaGate asks them to sign in. The API enforces roles on every
 * call regardless; this only makes the page's status tell the truth.
 */
import { cookies } from 'next/headers';
import { forbidden } from 'next/navigation';
import { PAGE_ACCESS_COOKIE } from '@/auth/page-access-cookie';
import { areaAccess, areaById, type TAreaId } from '@/navigation/areas';
import { tokenVerifier } from './token-verifier';

export async function assertAreaPage(areaId: TAreaId): Promise<void> {
  const area = areaById(areaId);
  if (area.roles === 'everyone') return;
  const token = (await cookies()).get(PAGE_ACCESS_COOKIE)?.value;
  if (!token) return;
  let roles;
  try {
    roles = (await tokenVerifier()(token)).roles;
  } catch {
    return; // expired or foreign: the browser's session decides what to show
  }
  if (areaAccess(area, { roles }).kind === 'forbidden') forbidden();
}
