// Events and their delivery to webhook endpoints: asynchronous, in order, one request at a time
// per endpoint, retried with backoff, with switches to reproduce what real Stripe does to an app
// (late, twice, out of order).
import Stripe from "stripe";
import { API_VERSION } from "./objects";
import { newId, nowSeconds, type Store } from "./store";

export type WebhookEndpoint = { url: string; secret: string; connect?: boolean };
export type EventRequest = { id: string | null; idempotency_key: string | null };
export type DeliveryOptions = { duplicates: boolean; reorder: boolean; delayMs: number; paused: boolean };
export type Logger = { info: (line: string) => void; warn: (line: string) => void };

type QueueEntry = { eventId: string; attempt: number; notBefore: number };
type Worker = {
  endpoint: WebhookEndpoint;
  queue: QueueEntry[];
  running: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  wake: (() => void) | null;
  // Only a wait for a retry's backoff is cut short by a new event; `delayMs` waits are not.
  interruptible: boolean;
  inFlight: AbortController | null;
};

export const DEFAULT_RETRY_DELAYS_MS = [50, 200, 1000, 2000, 4000, 8000, 16000];

// Deterministic so that a test that reorders events sees the same order on every run.
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class EventBus {
  private options: DeliveryOptions = { duplicates: false, reorder: false, delayMs: 0, paused: false };
  private readonly workers: Worker[];
  private waiters: Array<() => void> = [];
  private rng = mulberry32(0x5eed);
  private stopped = false;
  // Bumped by reset() so that a delivery in flight across a reset is forgotten, not retried.
  private generation = 0;

  constructor(
    private readonly store: Store,
    endpoints: WebhookEndpoint[],
    private readonly log: Logger,
    private readonly retryDelaysMs: number[] = DEFAULT_RETRY_DELAYS_MS,
  ) {
    this.workers = endpoints.map((endpoint) => ({
      endpoint,
      queue: [],
      running: false,
      timer: null,
      wake: null,
      interruptible: false,
      inFlight: null,
    }));
  }

  emit(
    type: string,
    object: { id?: string },
    opts: { previous?: Record<string, unknown>; request?: EventRequest | null; account?: string } = {},
  ): Stripe.Event {
    const targets = this.workers.filter((w) => Boolean(w.endpoint.connect) === Boolean(opts.account));
    const event = {
      id: newId("evt", 24),
      object: "event",
      ...(opts.account ? { account: opts.account } : {}),
      api_version: API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object), ...(opts.previous ? { previous_attributes: opts.previous } : {}) },
      livemode: false,
      pending_webhooks: targets.length,
      request: opts.request ?? { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.store.state.events.push(event);
    this.store.state.deliveries[event.id] = targets.map((w) => ({
      url: w.endpoint.url,
      status: "pending",
      attempts: 0,
      lastStatus: null,
      lastError: null,
    }));
    this.store.changed();
    for (const worker of targets) {
      const copies = this.options.duplicates ? 2 : 1;
      for (let i = 0; i < copies; i++) worker.queue.push({ eventId: event.id, attempt: 0, notBefore: 0 });
      this.kick(worker);
    }
    this.log.info(`event ${event.id} ${type}${opts.account ? ` (account ${opts.account})` : ""}`);
    return event;
  }

  // After a restart from a state file, events still waiting for delivery go to the endpoints
  // configured now (their URLs may have changed with the restart).
  resumePending() {
    const { deliveries } = this.store.state;
    for (const event of this.store.state.events) {
      const records = deliveries[event.id] ?? [];
      if (!records.some((r) => r.status === "pending")) continue;
      const kept = records.filter((r) => r.status !== "pending");
      for (const worker of this.workers.filter((w) => Boolean(w.endpoint.connect) === Boolean(event.account))) {
        if (kept.some((r) => r.url === worker.endpoint.url)) continue;
        kept.push({ url: worker.endpoint.url, status: "pending", attempts: 0, lastStatus: null, lastError: null });
        worker.queue.push({ eventId: event.id, attempt: 0, notBefore: 0 });
        this.kick(worker);
      }
      deliveries[event.id] = kept;
    }
    this.store.changed();
  }

  setOptions(next: Partial<DeliveryOptions>) {
    this.options = { ...this.options, ...next };
    if (next.reorder) this.rng = mulberry32(0x5eed);
    if (!this.options.paused) for (const w of this.workers) this.kick(w);
  }

  getOptions(): DeliveryOptions {
    return { ...this.options };
  }

  async flush(): Promise<void> {
    if (this.stopped || this.idle()) return;
    if (this.options.paused) throw new Error("flushDeliveries() would never resolve while delivery is paused: unpause it first");
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  // (Re)delivers one event now, outside the queue, to every endpoint it is meant for.
  async deliverNow(eventId: string): Promise<{ status: number }> {
    const event = this.store.state.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`No such event: '${eventId}'`);
    const targets = this.workers.filter((w) => Boolean(w.endpoint.connect) === Boolean(event.account));
    if (targets.length === 0) {
      throw new Error(`No ${event.account ? "Connect " : ""}webhook endpoint is configured for ${eventId}`);
    }
    let status = 0;
    for (const worker of targets) {
      const result = await this.send(worker, event);
      this.record(worker, event, result);
      if (status === 0 || status < 300) status = result.status;
    }
    return { status };
  }

  async stop() {
    this.stopped = true;
    for (const w of this.workers) {
      w.inFlight?.abort();
      this.interrupt(w);
    }
    this.resolveWaiters();
  }

  reset() {
    this.generation += 1;
    for (const w of this.workers) {
      w.queue = [];
      w.inFlight?.abort();
      this.interrupt(w);
    }
    this.options = { duplicates: false, reorder: false, delayMs: 0, paused: false };
    this.rng = mulberry32(0x5eed);
  }

  private idle() {
    return this.workers.every((w) => !w.running && w.queue.length === 0);
  }

  private resolveWaiters() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  // Deferred so that every event of one burst (a Pay creates nine) is queued before the first is
  // sent, which lets `reorder` shuffle the whole burst and never delays the API response.
  private kick(worker: Worker) {
    if (worker.running) {
      if (worker.interruptible) this.interrupt(worker);
      return;
    }
    if (this.stopped || this.options.paused || worker.queue.length === 0) return;
    worker.running = true;
    setImmediate(() => void this.run(worker));
  }

  private interrupt(worker: Worker) {
    if (worker.timer) clearTimeout(worker.timer);
    worker.timer = null;
    const wake = worker.wake;
    worker.wake = null;
    wake?.();
  }

  private sleep(worker: Worker, ms: number, interruptible: boolean) {
    return new Promise<void>((resolve) => {
      worker.interruptible = interruptible;
      worker.wake = resolve;
      worker.timer = setTimeout(() => {
        worker.timer = null;
        worker.wake = null;
        resolve();
      }, ms);
    }).finally(() => {
      worker.interruptible = false;
    });
  }

  private async run(worker: Worker) {
    try {
      while (!this.stopped && !this.options.paused && worker.queue.length > 0) {
        const now = Date.now();
        const ready = worker.queue.filter((e) => e.notBefore <= now);
        if (ready.length === 0) {
          await this.sleep(worker, Math.min(...worker.queue.map((e) => e.notBefore)) - now, true);
          continue;
        }
        const entry = this.options.reorder ? ready[Math.floor(this.rng() * ready.length)]! : ready[0]!;
        worker.queue.splice(worker.queue.indexOf(entry), 1);
        if (this.options.delayMs > 0) await this.sleep(worker, this.options.delayMs, false);
        if (this.stopped) break;
        await this.attempt(worker, entry);
      }
    } finally {
      worker.running = false;
      if (this.idle()) this.resolveWaiters();
    }
  }

  private async attempt(worker: Worker, entry: QueueEntry) {
    const event = this.store.state.events.find((e) => e.id === entry.eventId);
    if (!event) return;
    const generation = this.generation;
    const result = await this.send(worker, event);
    if (this.stopped || generation !== this.generation) return;
    this.record(worker, event, result);
    if (result.status >= 200 && result.status < 300) return;
    const attempt = entry.attempt + 1;
    const delay = this.retryDelaysMs[attempt - 1];
    const why = result.error ?? `HTTP ${result.status}`;
    if (delay === undefined) {
      const rec = this.store.state.deliveries[event.id]?.find((d) => d.url === worker.endpoint.url);
      if (rec && rec.status !== "delivered") rec.status = "failed";
      this.log.warn(`gave up delivering ${event.id} (${event.type}) to ${worker.endpoint.url} after ${attempt} attempts: ${why}`);
      return;
    }
    this.log.info(`delivery of ${event.id} (${event.type}) to ${worker.endpoint.url} failed (${why}); retrying in ${delay} ms`);
    worker.queue.push({ eventId: entry.eventId, attempt, notBefore: Date.now() + delay });
  }

  private record(worker: Worker, event: Stripe.Event, result: { status: number; error?: string }) {
    const rec = this.store.state.deliveries[event.id]?.find((d) => d.url === worker.endpoint.url);
    if (!rec) return;
    rec.attempts += 1;
    rec.lastStatus = result.status || null;
    rec.lastError = result.error ?? null;
    if (result.status >= 200 && result.status < 300 && rec.status !== "delivered") {
      rec.status = "delivered";
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    }
    this.store.changed();
  }

  private async send(worker: Worker, event: Stripe.Event): Promise<{ status: number; error?: string }> {
    // Signed over the exact text sent, as Stripe does; the app must verify the raw body.
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: worker.endpoint.secret });
    const controller = new AbortController();
    worker.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), 15_000);
    try {
      const res = await fetch(worker.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signature,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status };
    } catch (error) {
      return {
        status: 0,
        error: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
      };
    } finally {
      clearTimeout(timeout);
      if (worker.inFlight === controller) worker.inFlight = null;
    }
  }
}
