/**
 * One app instance, two tables: `ip mecport_<32 hex>` and `ip6 mecport_<32 hex>` (the instance's
 * UUID without dashes, so the name maps back to the instance after an agent restart). Two tables
 * and not one `inet` table because nft 1.0.6 refuses `dup to <address>` in the inet family ("unsupported
 * family"): the kernel has dup for ip and ip6 only. Both are replaced in the same transaction.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIX = 'mecport_';

export const FAMILIES = ['ip', 'ip6'] as const;
export type TFamily = (typeof FAMILIES)[number];

export function isInstanceId(appInstanceId: string): boolean {
  return UUID.test(appInstanceId);
}

/** `mecport_<32 hex>`; call only with an id `isInstanceId` accepts. */
export function tableName(appInstanceId: string): string {
  return PREFIX + appInstanceId.toLowerCase().replaceAll('-', '');
}

/** The instance id a table name stands for, or undefined for a table MECport did not make. */
export function instanceIdOf(table: string): string | undefined {
  const hex = /^mecport_([0-9a-f]{32})$/.exec(table)?.[1];
  if (!hex) return undefined;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
