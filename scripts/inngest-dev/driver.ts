// Drives runs: whenever a work item is due (a call to the SDK, or the end of a sleep), do it,
// apply the answer (advance.ts) and persist. Several calls may be in flight at once, across
// runs and for the parallel steps of one run.
import type { BackoffOptions } from "../../src/lib/backoff";
import { applyOutcome, applyWake, runLabel, type AdvanceContext } from "./advance";
import { callFunction } from "./call";
import type { StateStore } from "./state";
import type { FunctionConfig, RunRecord, WorkItem } from "./types";

export type DriverOptions = {
  store: StateStore;
  concurrency: number;
  retryBackoff: BackoffOptions;
  maxSleepMs: number;
  callTimeoutMs: number;
  log: (message: string) => void;
  onRunFinished: (run: RunRecord) => void;
};

// setTimeout's limit is ~24.8 days; wake up at least hourly and look again.
const MAX_TIMER_MS = 3_600_000;

export class RunDriver {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(private readonly opts: DriverOptions) {}

  // Look for due work now (after the current tick, so callers can finish their changes).
  poke(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  // Skip the sleeps of a run (or of every run): they end now.
  wake(runId?: string): void {
    for (const run of this.activeRuns()) {
      if (runId && run.id !== runId) continue;
      for (const item of run.pending) if (item.kind === "wake") item.dueAt = Date.now();
    }
    this.poke();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    // Calls still in flight are made again after a restart (their items stay pending).
    this.abort.abort();
  }

  private activeRuns(): RunRecord[] {
    return Object.values(this.opts.store.state.runs)
      .filter((r) => r.status === "running")
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private pump(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const now = Date.now();
    let nextDue = Infinity;
    for (const run of this.activeRuns()) {
      for (const item of [...run.pending]) {
        if (item.kind === "call" && item.inFlight) continue;
        if (item.dueAt > now) {
          nextDue = Math.min(nextDue, item.dueAt);
          continue;
        }
        if (item.kind === "wake") {
          this.advance(run, () => applyWake(run, item, this.context()));
          this.poke();
          continue;
        }
        if (this.inFlight >= this.opts.concurrency) continue;
        void this.execute(run, item);
      }
    }
    if (nextDue < Infinity) {
      this.timer = setTimeout(() => this.pump(), Math.min(Math.max(0, nextDue - Date.now()), MAX_TIMER_MS));
    }
  }

  private async execute(run: RunRecord, item: Extract<WorkItem, { kind: "call" }>): Promise<void> {
    const fn = this.findFunction(run);
    if (!fn) {
      this.advance(run, () => {
        throw Object.assign(new Error(`function ${run.functionId} is no longer served by app ${run.appId}`), { name: "FunctionNotFound" });
      });
      return;
    }
    item.inFlight = true;
    this.inFlight += 1;
    this.opts.store.save();
    try {
      const outcome = await callFunction({
        url: fn.url,
        stepId: item.stepId,
        event: run.event,
        runId: run.id,
        attempt: item.attempt,
        maxAttempts: run.maxAttempts,
        memo: run.memo,
        stack: run.stack,
        disableImmediateExecution: run.disableImmediateExecution,
        timeoutMs: this.opts.callTimeoutMs,
        signal: this.abort.signal,
      });
      if (this.closed || run.status !== "running") return;
      delete item.inFlight;
      this.advance(run, () => applyOutcome(run, item, outcome, this.context()));
    } finally {
      this.inFlight -= 1;
      this.poke();
    }
  }

  // Applies a change to a running run; a change that throws (say, a sleep with an unreadable
  // duration) fails the run instead of the executor.
  private advance(run: RunRecord, change: () => void) {
    try {
      change();
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      Object.assign(run, { status: "failed", endedAt: new Date().toISOString(), pending: [], error: { name: e.name, message: e.message } });
      this.opts.log(`${runLabel(run)}: failed: ${e.name}: ${e.message}`);
    }
    this.opts.store.save();
    if (run.status !== "running") this.opts.onRunFinished(run);
  }

  private findFunction(run: RunRecord): { config: FunctionConfig; url: string } | undefined {
    const config = this.opts.store.state.apps[run.appId]?.functions.find((f) => f.id === run.functionId);
    const url = config && Object.values(config.steps)[0]?.runtime.url;
    return config && url ? { config, url } : undefined;
  }

  private context(): AdvanceContext {
    return { now: Date.now(), retryBackoff: this.opts.retryBackoff, maxSleepMs: this.opts.maxSleepMs, log: this.opts.log };
  }
}
