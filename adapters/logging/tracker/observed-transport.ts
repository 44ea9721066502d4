// The SDK's own HTTP transport, watched: the client swallows a send's outcome (by design, so that a
// dead tracker never surfaces in the app), but a test alert must say whether its event was accepted,
// and if not, exactly why.
import type { makeNodeTransport } from '@sentry/node';

type Transport = ReturnType<typeof makeNodeTransport>;
type Envelope = Parameters<Transport['send']>[0];
type TransportMakeRequestResponse = Awaited<ReturnType<Transport['send']>>;

export type SendOutcome = Readonly<{ eventId: string; response?: TransportMakeRequestResponse; error?: unknown }>;

export function observedTransport(inner: Transport, onOutcome: (outcome: SendOutcome) => void): Transport {
  return {
    send: async (envelope: Envelope) => {
      const { event_id: eventId } = envelope[0] as { event_id?: unknown };
      try {
        const response = await inner.send(envelope);
        if (typeof eventId === 'string') onOutcome({ eventId, response });
        return response;
      } catch (error) {
        if (typeof eventId === 'string') onOutcome({ eventId, error });
        throw error;
      }
    },
    flush: (timeout) => inner.flush(timeout),
  };
}
