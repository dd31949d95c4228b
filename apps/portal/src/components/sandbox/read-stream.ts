/**
 * Reads a `text/event-stream` body to its end, handing each server-sent event the page can use
 * to `onAction` (world-stream.ts parses it). Chunks may split an event anywhere; eventsource-parser
 * joins them. Resolves when the server ends the stream; rejects when the connection breaks.
 *
 * @example await readStream(res.body, dispatch);
 */
import { createParser } from 'eventsource-parser';
import { parseStreamMessage, type TStreamAction } from './world-stream';

export async function readStream(body: ReadableStream<Uint8Array>, onAction: (action: TStreamAction) => void): Promise<void> {
  const parser = createParser({
    onEvent: (message) => {
      const action = parseStreamMessage(message.event ?? 'message', message.data);
      if (action) onAction(action);
    },
  });
  // A streaming TextDecoder keeps a character split across two chunks whole.
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) { parser.feed(decoder.decode()); return; }
    parser.feed(decoder.decode(value, { stream: true }));
  }
}
