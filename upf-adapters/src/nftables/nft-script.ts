/**
 * The nft scripts that replace or delete an instance's tables (pure: no I/O). Each is loaded with
 * one `nft -f`, which the kernel applies as one transaction: if any line fails, nothing changes
 * and the previous tables stay. `table ... {}` followed by `delete table ...` makes the delete
 * safe when the table does not exist yet (nft 1.0.6 has no `destroy`).
 */
import type { TNftRule } from './rule-plan';
import { FAMILIES, type TFamily, tableName } from './table-names';

/** The filter chain runs before DNAT (-100) so it matches the addresses the UE sent to. */
const FILTER_PRIORITY = -150;
const NAT_PRIORITY = -100;

export function replaceScript(appInstanceId: string, rules: readonly TNftRule[]): string {
  const table = tableName(appInstanceId);
  const lines = [`# MECport: the traffic rules of app instance ${appInstanceId}, in MEC 011 priority order`, ...deleteLines(table)];
  for (const family of FAMILIES) {
    const ofFamily = rules.filter((r) => r.family === family);
    lines.push(
      `table ${family} ${table} {`,
      ...chain(ofFamily, 'filter', `type filter hook prerouting priority ${FILTER_PRIORITY}; policy accept;`),
      ...chain(ofFamily, 'steer', `type nat hook prerouting priority ${NAT_PRIORITY}; policy accept;`),
      ...chain(ofFamily, 'inactive', undefined),
      '}',
    );
  }
  return lines.join('\n') + '\n';
}

export function deleteScript(appInstanceId: string): string {
  return deleteLines(tableName(appInstanceId)).join('\n') + '\n';
}

function deleteLines(table: string): string[] {
  return FAMILIES.flatMap((family: TFamily) => [`table ${family} ${table} {}`, `delete table ${family} ${table}`]);
}

function chain(rules: readonly TNftRule[], name: TNftRule['chain'], hook: string | undefined): string[] {
  const body = rules.filter((r) => r.chain === name).map((r) => `    ${[r.match, r.verdict].filter(Boolean).join(' ')} comment "${r.comment}"`);
  return [`  chain ${name} {`, ...(hook ? [`    ${hook}`] : []), ...body, '  }'];
}
