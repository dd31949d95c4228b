import { describe, expect, it } from 'vitest';
import { readStream } from './read-stream';
import type { TStreamAction } from './world-stream';

function body(chunks: string[]): ReadableStream<Uint8Array> {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return new ReadableStream({ pull(controller) { const next = bytes.shift(); if (next) controller.enqueue(next); else controller.close(); } });
}

const world = { scenarioId: 's', seed: 1, timeSec: 2, seq: 0, ues: [], poas: [], zones: [] };

describe('readStream', () => {
  it('hands over each usable event, joining events split across chunks and multi-byte characters', async () => {
    const text = `event: world\ndata: ${JSON.stringify(world)}\n\n: keep-alive\n\nevent: status\ndata: {"status":"failed","failureReason":"崩溃循环"}\n\nevent: ping\ndata: {}\n\n`;
    const bytes = new TextEncoder().encode(text);
    // cut inside the first event's JSON, and one byte into the three bytes of 崩
    const insideChar = new TextEncoder().encode(text.slice(0, text.indexOf('崩'))).length + 1;
    const chunks = [bytes.slice(0, 20), bytes.slice(20, insideChar), bytes.slice(insideChar)];
    const stream = new ReadableStream<Uint8Array>({ start(c) { for (const chunk of chunks) c.enqueue(chunk); c.close(); } });
    const actions: TStreamAction[] = [];
    await readStream(stream, (a) => actions.push(a));
    expect(actions.map((a) => a.type)).toEqual(['world', 'status']);
    expect(actions[1]).toEqual({ type: 'status', patch: { status: 'failed', failureReason: '崩溃循环' } });
  });

  it('rejects when the connection breaks, after what came before it', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) { sent = true; controller.enqueue(new TextEncoder().encode(`event: world\ndata: ${JSON.stringify(world)}\n\n`)); return; }
        controller.error(new Error('connection reset'));
      },
    });
    const actions: TStreamAction[] = [];
    await expect(readStream(broken, (a) => actions.push(a))).rejects.toThrow('connection reset');
    expect(actions).toHaveLength(1);
  });

  it('ends quietly on an empty stream', async () => {
    const actions: TStreamAction[] = [];
    await readStream(body([]), (a) => actions.push(a));
    expect(actions).toEqual([]);
  });
});
