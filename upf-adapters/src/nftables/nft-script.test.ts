import { describe, expect, it } from 'vitest';
import { deleteScript, replaceScript } from './nft-script';

const ID = '0b6c7a4e-1f2d-4c3b-9a8e-123456789abc';

describe('nft scripts', () => {
  it('replaces both tables in one script: create if missing, delete, re-create with the rules', () => {
    const script = replaceScript(ID, [{ family: 'ip', chain: 'steer', match: 'ip daddr 10.9.0.1', verdict: 'dnat to 10.1.0.2', comment: 'f|0|0|FLOW|FORWARD_DECAPSULATED' }]);
    const lines = script.split('\n').map((l) => l.trim());
    const table = 'mecport_0b6c7a4e1f2d4c3b9a8e123456789abc';
    expect(lines.slice(1, 5)).toEqual([`table ip ${table} {}`, `delete table ip ${table}`, `table ip6 ${table} {}`, `delete table ip6 ${table}`]);
    expect(lines).toContain('ip daddr 10.9.0.1 dnat to 10.1.0.2 comment "f|0|0|FLOW|FORWARD_DECAPSULATED"');
    expect(lines).toContain('type nat hook prerouting priority -100; policy accept;');
    expect(lines.filter((l) => l.startsWith('table ') && l.endsWith('{'))).toHaveLength(2);
  });

  it('deletes both tables, also when they do not exist', () => {
    expect(deleteScript(ID).trim().split('\n')).toHaveLength(4);
  });
});
