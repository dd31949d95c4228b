/**
 * A deliberately tiny Markdown reader for store descriptions: paragraphs, `#` headings (shown
 * as bold lines), `-`/`*`/`1.` list items, and inline **bold**, *italic* and `code`. It returns
 * plain data that `<MarkdownText>` renders as React elements, so user text is never HTML:
 * anything else (links, images, raw HTML) shows as the literal characters.
 *
 * @example parseMarkdown('Hi **there**\n\n- a') // [{ kind: 'p', spans: [...] }, { kind: 'ul', items: [[...]] }]
 */
export type TSpan = { kind: 'text' | 'strong' | 'em' | 'code'; text: string };
export type TBlock =
  | { kind: 'p' | 'h'; spans: TSpan[] }
  | { kind: 'ul' | 'ol'; items: TSpan[][] };

const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)/;

export function parseInline(text: string): TSpan[] {
  const spans: TSpan[] = [];
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    if ((part.startsWith('**') && part.endsWith('**') && part.length > 4) || (part.startsWith('__') && part.endsWith('__') && part.length > 4)) {
      spans.push({ kind: 'strong', text: part.slice(2, -2) });
    } else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
      spans.push({ kind: 'code', text: part.slice(1, -1) });
    } else if ((part.startsWith('*') && part.endsWith('*') && part.length > 2) || (part.startsWith('_') && part.endsWith('_') && part.length > 2)) {
      spans.push({ kind: 'em', text: part.slice(1, -1) });
    } else {
      const last = spans.at(-1);
      if (last?.kind === 'text') last.text += part;
      else spans.push({ kind: 'text', text: part });
    }
  }
  return spans;
}

export function parseMarkdown(source: string): TBlock[] {
  const blocks: TBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'p', spans: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d{1,9}[.)]\s+(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!line) { flush(); continue; }
    if (heading) { flush(); blocks.push({ kind: 'h', spans: parseInline(heading[1]!) }); continue; }
    if (bullet || numbered) {
      flush();
      const kind = bullet ? 'ul' : 'ol';
      const item = parseInline((bullet ?? numbered)![1]!);
      const last = blocks.at(-1);
      if (last && last.kind === kind) last.items.push(item);
      else blocks.push({ kind, items: [item] });
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks;
}
