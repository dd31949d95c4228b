/**
 * The page frame shared by every HTML page of the dev IdP: inline CSS, no fonts, scripts or
 * images from anywhere, English with 简体中文 beside it.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f1f5f9;color:#0f172a;
  font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{width:100%;max-width:400px;margin:24px;padding:28px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(15,23,42,.12),0 8px 24px rgba(15,23,42,.06)}
h1{font-size:1.35rem;margin:0 0 4px}
.zh{color:#475569;font-size:.9em}
p.sub{margin:0 0 20px;color:#475569}
label{display:block;font-weight:600;margin:14px 0 6px}
input[type=text],input[type=password]{width:100%;padding:9px 11px;border:1px solid #cbd5e1;border-radius:8px;font:inherit}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#1e40af}
.alert{margin:0 0 12px;padding:10px 12px;border-radius:8px;background:#fef2f2;border:1px solid #fecaca;color:#991b1b}
.demo{margin-top:24px;padding:12px 14px;border-radius:8px;background:#f8fafc;border:1px dashed #94a3b8;font-size:.85rem;color:#334155}
.demo h2{font-size:.9rem;margin:0 0 6px}
.demo ul{margin:6px 0;padding-left:18px;columns:2}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em}
`;

/** A full HTML document; `body` must already be escaped. */
export function page(options: { title: string; body: string; script?: string; lang?: string }): string {
  const script = options.script ? `<script>${options.script}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<style>${CSS}</style>
${script}
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>`;
}

/** A bilingual phrase: English, then the Chinese in a muted span marked `lang="zh-CN"`. */
export function bi(en: string, zh: string): string {
  return `${escapeHtml(en)} <span class="zh" lang="zh-CN">${escapeHtml(zh)}</span>`;
}
