/** A notifier for unit tests: keeps what the services send, checks callbacks by a simple rule, sends nothing. */
import type { TNotification, TNotifier } from '../notifier';

export interface TCollectingNotifier extends TNotifier {
  readonly sent: TNotification[];
}

export function createCollectingNotifier(refuse: (url: string) => string | undefined = () => undefined): TCollectingNotifier {
  const sent: TNotification[] = [];
  return {
    sent,
    send: (n) => (sent.push(n), true),
    check: refuse,
    stats: () => ({ queued: 0, inFlight: 0, sent: sent.length, failed: 0, refused: 0, dropped: 0 }),
    idle: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
