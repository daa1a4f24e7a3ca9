// The relay loop inside the app server (started from src/instrumentation.ts): every couple of
// seconds, and at once when a caller kicks it after enqueueing, deliver due outbox rows to Inngest.
import { getDb } from "~/server/db";
import { inngest } from "../../../inngest/client";
import type { OutboxMessage } from "./enqueue-event";
import { relayOutbox } from "./relay";

// The event keeps its outbox id: Inngest ignores an id it has already seen, so a row sent twice
// (a relay that died between sending and marking) still starts each function once.
export function sendToInngest(message: OutboxMessage) {
  return inngest.send({ id: message.id, name: message.name, data: message.data });
}

const BATCH_SIZE = 20;

type Loop = { kick: () => void; stop: () => void };

const globalForRelay = globalThis as unknown as { packMarketOutboxRelay?: Loop };

export function startOutboxRelay(opts: { intervalMs?: number } = {}): Loop {
  // Next's dev server re-evaluates modules; one loop per process.
  globalForRelay.packMarketOutboxRelay ??= createLoop(opts.intervalMs ?? 2_000);
  return globalForRelay.packMarketOutboxRelay;
}

// After a successful enqueue: deliver now instead of at the next tick. A no-op where no loop runs.
export function kickOutboxRelay(): void {
  globalForRelay.packMarketOutboxRelay?.kick();
}

function createLoop(intervalMs: number): Loop {
  let running = false;
  let again = false;
  let stopped = false;
  // The same failure (say, the database is down) is reported once, not every tick.
  let lastFailure: string | undefined;

  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const { claimed } = await relayOutbox(getDb(), {
          send: sendToInngest,
          batchSize: BATCH_SIZE,
          onFailure: (f) =>
            console.warn(`[outbox] ${f.id} not delivered (attempt ${f.attempts}): ${f.error}; next try ${f.nextAttemptAt.toISOString()}`),
        });
        // A full batch may mean more rows are due.
        if (claimed >= BATCH_SIZE) again = true;
      } while (again && !stopped);
      if (lastFailure) console.log("[outbox] relay working again");
      lastFailure = undefined;
    } catch (error) {
      const message = error instanceof Error ? (error.message.trim().split("\n").at(-1) ?? error.name) : String(error);
      if (message !== lastFailure) console.error(`[outbox] relay failed, will keep trying: ${message}`);
      lastFailure = message;
    } finally {
      running = false;
    }
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    kick: () => void tick(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
