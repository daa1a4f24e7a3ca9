// The one Inngest client. In production the SDK reads INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY and,
// for a self-hosted server, INNGEST_BASE_URL (validated in src/env.ts); `npm run dev` sets
// INNGEST_DEV=1 and INNGEST_BASE_URL to the local dev executor (scripts/inngest-dev/).
import { Inngest } from "inngest";

export const INNGEST_APP_ID = "pack-market";

// Every request the SDK makes (sending events, syncing) gives up after this long: a server that
// accepts the connection and never answers would otherwise hold a caller for minutes.
export const INNGEST_REQUEST_TIMEOUT_MS = 5_000;

export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

export const inngest = new Inngest({
  id: INNGEST_APP_ID,
  fetch: fetchWithTimeout(INNGEST_REQUEST_TIMEOUT_MS),
});
