import { describe, expect, it } from 'vitest';
import { linePrefixer } from './line-prefixer';

function collect() {
  const writes: string[] = [];
  return { writes, relay: linePrefixer('p | ', (text) => void writes.push(text)) };
}

describe('linePrefixer', () => {
  it('prefixes every line of a chunk in one write, and drops blank lines', () => {
    const { writes, relay } = collect();
    relay.push(Buffer.from('{"a":1}\n{"b":2}\n\n{"c":3}\n'));
    expect(writes).toEqual(['p | {"a":1}\np | {"b":2}\np | {"c":3}\n']);
  });

  it('keeps a line split across chunks whole, with one prefix', () => {
    const { writes, relay } = collect();
    relay.push('{"msg":"req');
    expect(writes).toEqual([]);
    relay.push('uest"}\n{"msg":"next"');
    relay.push('}\n');
    expect(writes.join('')).toBe('p | {"msg":"request"}\np | {"msg":"next"}\n');
  });

  it('writes a last line without a newline at the end', () => {
    const { writes, relay } = collect();
    relay.push('bye');
    relay.end();
    expect(writes).toEqual(['p | bye\n']);
  });
});
