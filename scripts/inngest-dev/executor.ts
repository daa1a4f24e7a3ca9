// The executor's behaviour, apart from HTTP: sync apps, take in events (deduplicated by id),
// start runs for matching functions, fire crons, trigger a function by hand.
import { randomBytes } from "node:crypto";
import type { BackoffOptions } from "../../src/lib/backoff";
import { DISCOVERY, runLabel, shortFunctionId } from "./advance";
import { cronMatches, nextCronTime, parseCron, type CronSchedule } from "./cron";
import { RunDriver } from "./driver";
import type { StateStore } from "./state";
import { matchFunctions } from "./triggers";
import { isCronTrigger, isEventTrigger, type AppRecord, type EventRecord, type FunctionConfig, type InngestEvent, type RunRecord } from "./types";

export type ExecutorOptions = {
  log: (message: string) => void;
  concurrency: number;
  retryBackoff: BackoffOptions;
  maxSleepMs: number;
  callTimeoutMs: number;
  cron: boolean;
};

// Options Inngest enforces that this executor does not; a function using one gets a warning.
const NOT_ENFORCED = ["concurrency", "throttle", "rateLimit", "debounce", "batchEvents", "idempotency", "cancel", "singleton", "priority", "timeouts"];

// Sortable ids: time first, then randomness.
export const newId = () => `${Date.now().toString(36).padStart(9, "0")}${randomBytes(5).toString("hex")}`;

export class Executor {
  readonly driver: RunDriver;
  private cronTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Map<string, Array<(run: RunRecord) => void>>();
  private readonly warned = new Set<string>();
  private readonly schedules = new Map<string, CronSchedule | undefined>();

  constructor(
    readonly store: StateStore,
    private readonly opts: ExecutorOptions,
  ) {
    this.driver = new RunDriver({ ...opts, store, onRunFinished: (run) => this.finished(run) });
  }

  get state() {
    return this.store.state;
  }

  start(): void {
    this.driver.poke();
    if (this.opts.cron) this.scheduleCron();
  }

  async close(): Promise<void> {
    clearTimeout(this.cronTimer);
    await this.driver.close();
  }

  // PUT on the app's serve endpoint: the SDK answers by POSTing its functions to /fn/register.
  async sync(appUrl: string): Promise<{ message?: string; modified?: boolean }> {
    const res = await fetch(appUrl, { method: "PUT", headers: { "x-inngest-server-kind": "dev" }, signal: AbortSignal.timeout(120_000) });
    const body = (await res.json().catch(() => ({}))) as { message?: string; modified?: boolean };
    if (!res.ok) throw new Error(`sync of ${appUrl} failed: HTTP ${res.status}${body.message ? `: ${body.message}` : ""}`);
    return body;
  }

  register(body: { appName?: unknown; url?: unknown; functions?: unknown; sdk?: unknown; framework?: unknown }): { modified: boolean } {
    if (typeof body.appName !== "string" || !body.appName || typeof body.url !== "string" || !Array.isArray(body.functions)) {
      throw new Error("a sync needs appName, url and functions");
    }
    const functions = body.functions as FunctionConfig[];
    const previous = this.state.apps[body.appName];
    const modified = !previous || previous.url !== body.url || JSON.stringify(previous.functions) !== JSON.stringify(functions);
    const app: AppRecord = {
      id: body.appName,
      url: body.url,
      sdk: typeof body.sdk === "string" ? body.sdk : undefined,
      framework: typeof body.framework === "string" ? body.framework : undefined,
      syncedAt: new Date().toISOString(),
      functions,
    };
    this.state.apps[app.id] = app;
    const list = functions.map((f) => `${shortFunctionId(app.id, f.id)} (${describeTriggers(f)})`).join(", ");
    this.opts.log(`synced app ${app.id} at ${app.url}${modified ? "" : " (unchanged)"}: ${functions.length} function(s): ${list || "none"}`);
    for (const fn of functions) this.checkFunction(app, fn);
    for (const record of this.state.events) {
      if (record.status !== "queued") continue;
      record.status = "processed";
      record.runIds = this.startRunsFor(record.event);
    }
    this.store.save();
    this.driver.poke();
    return { modified };
  }

  // Events from the SDK (inngest.send, step.sendEvent) or the CLI. An id seen before starts
  // nothing: that is what makes redelivery from the outbox safe.
  receiveEvents(payload: unknown): string[] {
    const list = Array.isArray(payload) ? payload : [payload];
    const events = list.map((p, i) => toEvent(p, i));
    const ids: string[] = [];
    for (const event of events) {
      ids.push(event.id);
      if (this.state.events.some((e) => e.event.id === event.id)) {
        this.opts.log(`event ${event.name} ${event.id} was already received: not run again`);
        continue;
      }
      const queued = Object.keys(this.state.apps).length === 0;
      const record: EventRecord = { event, receivedAt: new Date().toISOString(), status: queued ? "queued" : "processed", runIds: [] };
      this.state.events.push(record);
      if (queued) this.opts.log(`event ${event.name} ${event.id} queued until an app syncs`);
      else record.runIds = this.startRunsFor(event);
    }
    this.store.save();
    this.driver.poke();
    return ids;
  }

  // Run a function now, whatever its triggers: a cron function gets the event its schedule would
  // send, an event function an event of its first trigger's name with `data`.
  trigger(functionRef: string, data: Record<string, unknown> = {}): RunRecord {
    const found = this.findFunction(functionRef);
    if (!found) throw new Error(`no synced function "${functionRef}"`);
    const { app, fn } = found;
    const cron = fn.triggers.find(isCronTrigger);
    const eventName = fn.triggers.find(isEventTrigger)?.event;
    const event: InngestEvent = cron
      ? { id: newId(), name: "inngest/scheduled.timer", data: { cron: cron.cron }, ts: Date.now() }
      : { id: newId(), name: eventName && !eventName.endsWith("*") ? eventName : "inngest/function.invoked", data, ts: Date.now() };
    const run = this.startRun(app, fn, event, "manual");
    this.store.save();
    this.driver.poke();
    return run;
  }

  findFunction(ref: string): { app: AppRecord; fn: FunctionConfig } | undefined {
    const all = Object.values(this.state.apps).flatMap((app) => app.functions.map((fn) => ({ app, fn })));
    return all.find(({ fn }) => fn.id === ref) ?? all.find(({ app, fn }) => shortFunctionId(app.id, fn.id) === ref);
  }

  listFunctions(now = new Date()) {
    return Object.values(this.state.apps).flatMap((app) =>
      app.functions.map((fn) => ({
        appId: app.id,
        id: fn.id,
        slug: shortFunctionId(app.id, fn.id),
        name: fn.name ?? fn.id,
        triggers: fn.triggers,
        nextCronAt: fn.triggers
          .filter(isCronTrigger)
          .map((t) => this.schedule(fn, t.cron))
          .map((schedule) => schedule && nextCronTime(schedule, now)?.toISOString())
          .filter(Boolean)
          .sort()[0],
      })),
    );
  }

  // Resolves when the run completes or fails (at once if it already has).
  waitForRun(runId: string): Promise<RunRecord> {
    const run = this.state.runs[runId];
    if (!run) return Promise.reject(new Error(`no run ${runId}`));
    if (run.status !== "running") return Promise.resolve(run);
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]));
  }

  private startRunsFor(event: InngestEvent): string[] {
    const matches = matchFunctions(Object.values(this.state.apps), event, (m) => this.opts.log(m));
    if (matches.length === 0 && !event.name.startsWith("inngest/")) this.opts.log(`event ${event.name} ${event.id}: no function is triggered by it`);
    return matches.map(({ app, fn }) => this.startRun(app, fn, event, "event").id);
  }

  private startRun(app: AppRecord, fn: FunctionConfig, event: InngestEvent, trigger: RunRecord["trigger"]): RunRecord {
    const now = new Date().toISOString();
    const retries = Object.values(fn.steps)[0]?.retries?.attempts ?? 3;
    const run: RunRecord = {
      id: newId(),
      appId: app.id,
      functionId: fn.id,
      functionName: fn.name ?? fn.id,
      trigger,
      event,
      status: "running",
      createdAt: now,
      updatedAt: now,
      maxAttempts: retries + 1,
      memo: {},
      stack: [],
      disableImmediateExecution: false,
      pending: [{ kind: "call", stepId: DISCOVERY, attempt: 0, dueAt: Date.now() }],
      steps: [],
    };
    this.state.runs[run.id] = run;
    const cause = { event: `by event ${event.name} ${event.id}`, cron: "on schedule", manual: "by hand" }[trigger];
    this.opts.log(`${runLabel(run)}: started ${cause}`);
    return run;
  }

  private finished(run: RunRecord) {
    for (const resolve of this.waiters.get(run.id) ?? []) resolve(run);
    this.waiters.delete(run.id);
    // As on Inngest: a failed run emits inngest/function.failed (onFailure handlers listen to it).
    if (run.status === "failed" && run.event.name !== "inngest/function.failed") {
      this.receiveEvents({
        name: "inngest/function.failed",
        data: { function_id: run.functionId, run_id: run.id, error: run.error, event: run.event },
      });
    }
  }

  // Starts a run for every cron trigger that fires in the minute of `now`, once per minute even
  // across restarts (the last fired minute is kept in the state).
  fireDueCrons(now = new Date()): RunRecord[] {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const started: RunRecord[] = [];
    for (const app of Object.values(this.state.apps)) {
      for (const fn of app.functions) {
        for (const t of fn.triggers.filter(isCronTrigger)) {
          const schedule = this.schedule(fn, t.cron);
          const key = `${fn.id} ${t.cron}`;
          if (!schedule || !cronMatches(schedule, minute) || this.state.cronLastFired[key] === minute.toISOString()) continue;
          this.state.cronLastFired[key] = minute.toISOString();
          const event = { id: newId(), name: "inngest/scheduled.timer", data: { cron: t.cron }, ts: now.getTime() };
          started.push(this.startRun(app, fn, event, "cron"));
        }
      }
    }
    if (started.length > 0) {
      this.store.save();
      this.driver.poke();
    }
    return started;
  }

  private scheduleCron() {
    this.fireDueCrons();
    // Just after the next minute starts.
    const now = Date.now();
    this.cronTimer = setTimeout(() => this.scheduleCron(), 60_000 - (now % 60_000) + 50);
  }

  private schedule(fn: FunctionConfig, expression: string): CronSchedule | undefined {
    if (!this.schedules.has(expression)) {
      try {
        this.schedules.set(expression, parseCron(expression));
      } catch (error) {
        this.schedules.set(expression, undefined);
        this.opts.log(`function ${fn.id}: ${(error as Error).message}; this trigger will not fire`);
      }
    }
    return this.schedules.get(expression);
  }

  private checkFunction(app: AppRecord, fn: FunctionConfig) {
    for (const t of fn.triggers.filter(isCronTrigger)) this.schedule(fn, t.cron);
    const ignored = NOT_ENFORCED.filter((key) => fn[key] !== undefined && fn[key] !== null);
    const message = `function ${shortFunctionId(app.id, fn.id)}: ${ignored.join(", ")} not enforced by the local dev executor`;
    if (ignored.length > 0 && !this.warned.has(message)) {
      this.warned.add(message);
      this.opts.log(message);
    }
  }
}

function toEvent(payload: unknown, index: number): InngestEvent {
  const p = (payload ?? {}) as Partial<InngestEvent>;
  if (typeof p.name !== "string" || !p.name) throw new Error(`event ${index}: a name is required`);
  if (p.data !== undefined && (typeof p.data !== "object" || p.data === null || Array.isArray(p.data))) {
    throw new Error(`event ${index}: data must be an object`);
  }
  return {
    id: typeof p.id === "string" && p.id ? p.id : newId(),
    name: p.name,
    data: p.data ?? {},
    ts: typeof p.ts === "number" ? p.ts : Date.now(),
    ...(p.user ? { user: p.user } : {}),
    ...(p.v ? { v: p.v } : {}),
  };
}

function describeTriggers(fn: FunctionConfig): string {
  return fn.triggers.map((t) => (isCronTrigger(t) ? `cron ${t.cron}` : `event ${t.event}${t.expression ? ` if ${t.expression}` : ""}`)).join("; ");
}
