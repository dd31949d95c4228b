/**
 * An instance's log as the agent shows it: its containers' podman logs (the k8s-file driver,
 * written by conmon: no process of the agent's per container) and the agent's own notes about the
 * pod (`<logsDir>/<id>.log`, same line format), merged by time. A container's lines are prefixed
 * with its name when the pod has several.
 *
 * k8s-file line: `<RFC 3339 time> <stdout|stderr> <P|F> <text>`; P is a partial line continued by
 * the next one.
 *
 * @example const lines = await tailPodLogs([{ name: 'web', path }], notesPath, 200);
 */
import { appendFile } from 'node:fs/promises';
import { fileVersion, rotateIfLarger, tailLines } from '../log-file';

interface TLogLine {
  at: number;
  text: string;
}

const LINE = /^(\S+) (stdout|stderr|agent) ([PF]) ?(.*)$/;

/** Parses k8s-file lines, joining partial ones; lines of another shape are kept as they are. */
export function parseK8sFile(lines: string[]): TLogLine[] {
  const out: TLogLine[] = [];
  let partial: TLogLine | undefined;
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) {
      out.push({ at: partial?.at ?? out.at(-1)?.at ?? 0, text: line });
      continue;
    }
    const [, time = '', , flag, text = ''] = match;
    const at = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
    partial = partial ? { at: partial.at, text: partial.text + text } : { at: Number.isNaN(at) ? 0 : at, text };
    if (flag === 'F') {
      out.push(partial);
      partial = undefined;
    }
  }
  if (partial) out.push(partial);
  return out;
}

export async function tailPodLogs(containers: { name: string; path: string }[], notesPath: string, maxLines: number): Promise<string[]> {
  const sources = [{ prefix: '', path: notesPath }, ...containers.map((c) => ({ prefix: containers.length > 1 ? `[${c.name}] ` : '', path: c.path }))];
  const all: TLogLine[] = [];
  for (const { prefix, path } of sources) {
    if (!path) continue;
    for (const line of parseK8sFile(await tailLines(path, maxLines))) all.push({ at: line.at, text: prefix + line.text });
  }
  // A stable sort keeps each file's own order among lines of the same millisecond.
  return all.sort((a, b) => a.at - b.at).slice(-maxLines).map((l) => l.text);
}

/** Changes whenever one of the files does. */
export async function podLogVersion(paths: string[]): Promise<string | undefined> {
  const versions = await Promise.all(paths.filter(Boolean).map((p) => fileVersion(p)));
  return versions.some((v) => v !== undefined) ? versions.map((v) => v ?? '-').join('|') : undefined;
}

/** Appends an agent note (what it did to the pod, why a play failed) in the k8s-file line format. */
export async function appendNote(notesPath: string, text: string, maxBytes = 1024 * 1024): Promise<void> {
  await rotateIfLarger(notesPath, maxBytes).catch(() => false);
  const lines = text.split('\n').map((line) => `${new Date().toISOString()} agent F [mecport-agent] ${line}\n`);
  await appendFile(notesPath, lines.join(''), { mode: 0o640 }).catch(() => undefined);
}
