// All of the fake's state lives in one JSON-serialisable value so that dev can keep it in a file
// across restarts, while tests keep it in memory.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type Stripe from "stripe";
import { noSuch } from "./errors";

export type StoredObject = { id: string; object: string; created?: number };

export type DeliveryRecord = {
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
};

export type IdempotencyRecord = {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  createdAt: number;
};

// What Stripe keeps about a Checkout Session but does not show on the object.
export type CheckoutExtra = {
  lineItems: Array<{ id: string; price: string; quantity: number }>;
  subscriptionMetadata: Record<string, string>;
  error: string | null;
};

// An account link, by the token in its URL. Like Stripe's, it works once: a second visit, a visit
// after `expiresAt` or after onboarding was completed through it sends the user to refreshUrl.
export type AccountLinkExtra = {
  account: string;
  returnUrl: string;
  refreshUrl: string;
  expiresAt: number;
  visited: boolean;
  used: boolean;
};

export type State = {
  version: 1;
  objects: Record<string, StoredObject>;
  events: Stripe.Event[];
  deliveries: Record<string, DeliveryRecord[]>;
  idempotency: Record<string, IdempotencyRecord>;
  checkoutExtras: Record<string, CheckoutExtra>;
  accountLinks: Record<string, AccountLinkExtra>;
  invoiceCounters: Record<string, number>;
  // Net prorations of plan changes waiting for the subscription's next invoice, by subscription.
  pendingProrations: Record<string, number>;
};

const emptyState = (): State => ({
  version: 1,
  objects: {},
  events: [],
  deliveries: {},
  idempotency: {},
  checkoutExtras: {},
  accountLinks: {},
  invoiceCounters: {},
  pendingProrations: {},
});

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const newId = (prefix: string, length = 24) => `${prefix}_${randomToken(length)}`;

// The fake's clock: the real time, except inside `atTime`.
let clockShiftMs = 0;

export const nowSeconds = () => Math.floor((Date.now() + clockShiftMs) / 1000);

/**
 * Runs `fn` as if the fake's clock read `at`, like a Stripe test clock for one call: every object
 * and event it creates is dated then. `fn` must be synchronous, so nothing else runs meanwhile.
 */
export function atTime<T>(at: Date, fn: () => T): T {
  const saved = clockShiftMs;
  clockShiftMs = at.getTime() - Date.now();
  try {
    return fn();
  } finally {
    clockShiftMs = saved;
  }
}

export class Store {
  state: State = emptyState();
  private saveScheduled = false;

  constructor(
    private readonly file: string | undefined,
    private readonly log: (line: string) => void,
  ) {
    if (file && existsSync(file)) {
      let loaded: State;
      try {
        loaded = JSON.parse(readFileSync(file, "utf8")) as State;
      } catch (error) {
        throw new Error(`Could not read the Stripe fake's state file ${file} (${error instanceof Error ? error.message : String(error)}); delete it to start empty.`);
      }
      if (loaded.version !== 1) throw new Error(`${file}: unknown state version ${String(loaded.version)}`);
      this.state = { ...emptyState(), ...loaded };
      log(`loaded ${Object.keys(this.state.objects).length} objects and ${this.state.events.length} events from ${file}`);
    }
  }

  insert<T extends StoredObject>(obj: T): T {
    this.state.objects[obj.id] = obj;
    this.changed();
    return obj;
  }

  find(id: string): StoredObject | undefined {
    return this.state.objects[id];
  }

  get<T extends StoredObject>(objectName: T["object"], id: unknown, param = "id"): T {
    const found = typeof id === "string" ? this.state.objects[id] : undefined;
    if (!found || found.object !== objectName) throw noSuch(objectName, String(id ?? ""), param);
    return found as T;
  }

  all<T extends StoredObject>(objectName: T["object"]): T[] {
    return Object.values(this.state.objects).filter((o): o is T => o.object === objectName);
  }

  reset() {
    this.state = emptyState();
    this.changed();
  }

  // Coalesces the many changes of one request into one write.
  changed() {
    if (!this.file || this.saveScheduled) return;
    this.saveScheduled = true;
    setImmediate(() => {
      this.saveScheduled = false;
      this.saveNow();
    });
  }

  // Write-then-rename so that a crash mid-write never leaves a truncated state file.
  saveNow() {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.state));
      renameSync(tmp, this.file);
    } catch (error) {
      this.log(`could not save state to ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
