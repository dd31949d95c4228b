import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown-blocks';

describe('parseMarkdown', () => {
  it('reads paragraphs, lists and headings', () => {
    expect(parseMarkdown('# Title\nfirst line\nsecond\n\n- a\n- b\n\n1. one')).toEqual([
      { kind: 'h', spans: [{ kind: 'text', text: 'Title' }] },
      { kind: 'p', spans: [{ kind: 'text', text: 'first line second' }] },
      { kind: 'ul', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
      { kind: 'ol', items: [[{ kind: 'text', text: 'one' }]] },
    ]);
  });

  it('reads bold, italic and code, in Chinese too', () => {
    expect(parseInline('在边缘实时进行**视频分析**：*快* `x<y`')).toEqual([
      { kind: 'text', text: '在边缘实时进行' }, { kind: 'strong', text: '视频分析' }, { kind: 'text', text: '：' },
      { kind: 'em', text: '快' }, { kind: 'text', text: ' ' }, { kind: 'code', text: 'x<y' },
    ]);
  });

  it('keeps HTML and links as literal text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1))')).toEqual([
      { kind: 'p', spans: [{ kind: 'text', text: '<img src=x onerror=alert(1)> [a](javascript:alert(1))' }] },
    ]);
  });
});
