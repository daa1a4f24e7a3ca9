// How a run moves on after each answer from the SDK: memoise finished steps, plan the next calls
// (discovery, planned steps, retries, sleeps), or end the run. Pure apart from the log.
import { backoffMs, type BackoffOptions } from "../../src/lib/backoff";
import type { CallOutcome, Op } from "./call";
import { delayUntil } from "./time";
import type { Memo, RunRecord, SerializedError, StepRecord, WorkItem } from "./types";

export type AdvanceContext = {
  now: number;
  retryBackoff: BackoffOptions;
  maxSleepMs: number;
  log: (message: string) => void;
};

type CallItem = Extract<WorkItem, { kind: "call" }>;
type WakeItem = Extract<WorkItem, { kind: "wake" }>;

// "step" asks the SDK to run the function and report what it reaches.
export const DISCOVERY = "step";

const UNREACHABLE_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

const SUPPORTED = "step.run, step.sleep, step.sleepUntil, step.sendEvent and parallel steps";
const UNSUPPORTED_OPS: Record<string, string> = {
  InvokeFunction: "step.invoke",
  WaitForEvent: "step.waitForEvent",
  WaitForSignal: "step.waitForSignal",
  AIGateway: "step.ai.infer",
  Gateway: "step.fetch",
  DeferAdd: "defer",
  DeferAbort: "defer",
};

// "heartbeat-cleanup run 0mi…" : the function's own id, without the app's prefix.
export const runLabel = (run: RunRecord) => `${shortFunctionId(run.appId, run.functionId)} run ${run.id}`;

export const shortFunctionId = (appId: string, functionId: string) =>
  functionId.startsWith(`${appId}-`) ? functionId.slice(appId.length + 1) : functionId;

export function applyOutcome(run: RunRecord, item: CallItem, outcome: CallOutcome, ctx: AdvanceContext): void {
  removeItem(run, item);
  run.updatedAt = new Date(ctx.now).toISOString();
  switch (outcome.kind) {
    case "done":
      complete(run, outcome.data, ctx);
      break;
    case "ops":
      applyOps(run, item, outcome.ops, outcome.retryAfter, ctx);
      break;
    case "error": {
      const next = item.attempt + 1;
      const what = item.stepId === DISCOVERY ? "function" : `step "${stepName(run, item.stepId)}"`;
      if (outcome.noRetry || next >= run.maxAttempts) {
        fail(run, outcome.error, ctx);
        break;
      }
      const delay = retryDelay(next, outcome.retryAfter, ctx);
      run.pending.push({ ...item, attempt: next, dueAt: ctx.now + delay, unreachable: undefined });
      ctx.log(`${runLabel(run)}: ${what} failed (attempt ${next} of ${run.maxAttempts}): ${outcome.error.message}; retrying in ${seconds(delay)}`);
      break;
    }
    case "unreachable": {
      const failures = (item.unreachable ?? 0) + 1;
      const delay = backoffMs(failures, UNREACHABLE_BACKOFF);
      run.pending.push({ ...item, unreachable: failures, dueAt: ctx.now + delay });
      if (failures === 1 || failures % 10 === 0) ctx.log(`${runLabel(run)}: app unreachable (${outcome.error}); trying again in ${seconds(delay)}`);
      break;
    }
  }
  discoverWhenIdle(run, ctx);
}

export function applyWake(run: RunRecord, item: WakeItem, ctx: AdvanceContext): void {
  removeItem(run, item);
  memoize(run, item.stepId, { data: null });
  const step = run.steps.find((s) => s.id === item.stepId);
  if (step) Object.assign(step, { status: "completed", endedAt: new Date(ctx.now).toISOString() });
  discoverWhenIdle(run, ctx);
}

function applyOps(run: RunRecord, item: CallItem, ops: Op[], retryAfter: string | undefined, ctx: AdvanceContext) {
  const now = new Date(ctx.now).toISOString();
  // Steps reported together run in parallel; the SDK then expects every later step planned first.
  if (ops.length > 1) run.disableImmediateExecution = true;
  for (const op of ops) {
    const step = stepRecord(run, op, now);
    switch (op.op) {
      case "StepRun":
        memoize(run, op.id, { data: op.data ?? null });
        Object.assign(step, { status: "completed", attempts: step.attempts + 1, endedAt: now, error: undefined });
        break;
      case "StepError": {
        step.attempts += 1;
        step.error = op.error?.message ?? "unknown error";
        const next = item.attempt + 1;
        if (next >= run.maxAttempts) {
          failStep(run, step, op, now, ctx);
          break;
        }
        const delay = retryDelay(next, retryAfter, ctx);
        step.status = "retrying";
        run.pending.push({ kind: "call", stepId: op.id, attempt: next, dueAt: ctx.now + delay });
        ctx.log(`${runLabel(run)}: step "${step.name}" failed (attempt ${next} of ${run.maxAttempts}): ${step.error}; retrying in ${seconds(delay)}`);
        break;
      }
      case "StepFailed":
        step.attempts += 1;
        failStep(run, step, op, now, ctx);
        break;
      case "StepPlanned":
        if (!(op.id in run.memo) && !run.pending.some((p) => p.stepId === op.id)) {
          run.pending.push({ kind: "call", stepId: op.id, attempt: 0, dueAt: ctx.now });
        }
        break;
      case "Sleep": {
        const until = String(op.opts?.duration ?? op.name ?? "0s");
        const delay = Math.min(delayUntil(until, ctx.now), ctx.maxSleepMs);
        run.pending.push({ kind: "wake", stepId: op.id, dueAt: ctx.now + delay });
        Object.assign(step, { status: "sleeping", wakeAt: new Date(ctx.now + delay).toISOString() });
        break;
      }
      case "RunComplete":
        complete(run, op.data ?? null, ctx);
        break;
      case "DiscoveryRequest":
        break;
      case "StepNotFound":
        fail(run, { name: "StepNotFound", message: `step ${op.id} was not found: did the function change while this run was in progress?` }, ctx);
        break;
      default:
        fail(run, { name: "UnsupportedStep", message: `${UNSUPPORTED_OPS[op.op] ?? `the "${op.op}" operation`} is not supported by the local dev executor (it supports ${SUPPORTED})` }, ctx);
    }
    if (run.status !== "running") return;
  }
}

function failStep(run: RunRecord, step: StepRecord, op: Op, now: string, ctx: AdvanceContext) {
  const error = op.error ?? { name: "Error", message: "step failed" };
  memoize(run, op.id, { error });
  Object.assign(step, { status: "failed", endedAt: now, error: error.message });
  ctx.log(`${runLabel(run)}: step "${step.name}" failed after ${step.attempts} attempt(s): ${error.message}`);
}

// Once nothing else is pending (parallel steps all finished, sleeps over), ask the function
// what comes next.
function discoverWhenIdle(run: RunRecord, ctx: AdvanceContext) {
  if (run.status === "running" && run.pending.length === 0) {
    run.pending.push({ kind: "call", stepId: DISCOVERY, attempt: 0, dueAt: ctx.now });
  }
}

function complete(run: RunRecord, output: unknown, ctx: AdvanceContext) {
  end(run, "completed", ctx);
  run.output = output;
  ctx.log(`${runLabel(run)}: completed in ${seconds(Date.parse(run.endedAt!) - Date.parse(run.createdAt))}`);
}

function fail(run: RunRecord, error: SerializedError, ctx: AdvanceContext) {
  end(run, "failed", ctx);
  run.error = error;
  ctx.log(`${runLabel(run)}: failed: ${error.name}: ${error.message}`);
}

function end(run: RunRecord, status: "completed" | "failed", ctx: AdvanceContext) {
  run.status = status;
  run.endedAt = new Date(ctx.now).toISOString();
  run.pending = [];
}

function memoize(run: RunRecord, id: string, memo: Memo) {
  run.memo[id] = memo;
  if (!run.stack.includes(id)) run.stack.push(id);
}

function stepRecord(run: RunRecord, op: Op, now: string): StepRecord {
  let step = run.steps.find((s) => s.id === op.id);
  if (!step) {
    const type = typeof op.opts?.type === "string" ? op.opts.type : op.op === "Sleep" ? "step.sleep" : "step.run";
    step = { id: op.id, name: op.displayName ?? op.name ?? op.id, op: type, status: "planned", attempts: 0, startedAt: now };
    run.steps.push(step);
  }
  return step;
}

function stepName(run: RunRecord, id: string) {
  return run.steps.find((s) => s.id === id)?.name ?? id;
}

function removeItem(run: RunRecord, item: WorkItem) {
  run.pending = run.pending.filter((p) => p !== item);
}

function retryDelay(attempt: number, retryAfter: string | undefined, ctx: AdvanceContext): number {
  if (retryAfter) {
    try {
      return delayUntil(retryAfter, ctx.now);
    } catch {
      // fall through to the usual schedule
    }
  }
  return backoffMs(attempt, ctx.retryBackoff);
}

const seconds = (ms: number) => (ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`);
