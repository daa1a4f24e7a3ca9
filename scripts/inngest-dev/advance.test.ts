import { describe, expect, it } from "vitest";
import { applyOutcome, applyWake, DISCOVERY, type AdvanceContext } from "./advance";
import type { RunRecord, WorkItem } from "./types";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const ctx = (log: string[] = []): AdvanceContext => ({ now: NOW, retryBackoff: { baseMs: 1000, maxMs: 60_000 }, maxSleepMs: Infinity, log: (m) => log.push(m) });

function newRun(maxAttempts = 4): RunRecord {
  return {
    id: "r1",
    appId: "app",
    functionId: "app-fn",
    functionName: "fn",
    trigger: "event",
    event: { id: "e1", name: "x", data: {}, ts: 0 },
    status: "running",
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    maxAttempts,
    memo: {},
    stack: [],
    disableImmediateExecution: false,
    pending: [],
    steps: [],
  };
}

function call(run: RunRecord, stepId = DISCOVERY, attempt = 0): Extract<WorkItem, { kind: "call" }> {
  const item = { kind: "call" as const, stepId, attempt, dueAt: NOW };
  run.pending.push(item);
  return item;
}

describe("advancing a run", () => {
  it("memoises a step that ran and asks the function for what comes next", () => {
    const run = newRun();
    applyOutcome(run, call(run), { kind: "ops", ops: [{ id: "h1", op: "StepRun", displayName: "a", data: 42 }] }, ctx());
    expect(run.memo).toEqual({ h1: { data: 42 } });
    expect(run.stack).toEqual(["h1"]);
    expect(run.pending).toEqual([{ kind: "call", stepId: DISCOVERY, attempt: 0, dueAt: NOW }]);
    expect(run.steps[0]).toMatchObject({ name: "a", status: "completed", attempts: 1 });
  });

  it("plans parallel steps, then plans every later step first, and discovers only once all are done", () => {
    const run = newRun();
    applyOutcome(run, call(run), { kind: "ops", ops: [{ id: "p1", op: "StepPlanned" }, { id: "p2", op: "StepPlanned" }] }, ctx());
    expect(run.disableImmediateExecution).toBe(true);
    expect(run.pending.map((p) => p.stepId)).toEqual(["p1", "p2"]);
    const [p1, p2] = run.pending as Array<Extract<WorkItem, { kind: "call" }>>;
    applyOutcome(run, p1!, { kind: "ops", ops: [{ id: "p1", op: "StepRun", data: 1 }] }, ctx());
    expect(run.pending.map((p) => p.stepId)).toEqual(["p2"]);
    applyOutcome(run, p2!, { kind: "ops", ops: [{ id: "p2", op: "StepRun", data: 2 }] }, ctx());
    expect(run.pending.map((p) => p.stepId)).toEqual([DISCOVERY]);
    expect(run.stack).toEqual(["p1", "p2"]);
  });

  it("retries a failed step with backoff, or after Retry-After, then records its final failure", () => {
    const run = newRun(3);
    const log: string[] = [];
    applyOutcome(run, call(run), { kind: "ops", ops: [{ id: "s", op: "StepError", displayName: "charge", error: { name: "Error", message: "boom" } }] }, ctx(log));
    expect(run.pending).toEqual([{ kind: "call", stepId: "s", attempt: 1, dueAt: NOW + 1000 }]);
    expect(log[0]).toMatch(/step "charge" failed \(attempt 1 of 3\): boom; retrying in 1.0s/);

    const retry = run.pending[0] as Extract<WorkItem, { kind: "call" }>;
    applyOutcome(run, retry, { kind: "ops", ops: [{ id: "s", op: "StepError", error: { name: "Error", message: "boom" } }], retryAfter: "30" }, ctx());
    expect(run.pending).toEqual([{ kind: "call", stepId: "s", attempt: 2, dueAt: NOW + 30_000 }]);

    const last = run.pending[0] as Extract<WorkItem, { kind: "call" }>;
    applyOutcome(run, last, { kind: "ops", ops: [{ id: "s", op: "StepFailed", error: { name: "Error", message: "boom" } }] }, ctx());
    expect(run.memo.s).toEqual({ error: { name: "Error", message: "boom" } });
    expect(run.steps[0]).toMatchObject({ status: "failed", attempts: 3 });
    expect(run.pending).toEqual([{ kind: "call", stepId: DISCOVERY, attempt: 0, dueAt: NOW }]);
  });

  it("retries a function-level error until its attempts run out, and stops at once on no-retry", () => {
    const run = newRun(2);
    const error = { name: "Error", message: "outside any step" };
    applyOutcome(run, call(run), { kind: "error", status: 500, error, noRetry: false }, ctx());
    expect(run.pending).toEqual([expect.objectContaining({ stepId: DISCOVERY, attempt: 1, dueAt: NOW + 1000 })]);
    applyOutcome(run, run.pending[0] as Extract<WorkItem, { kind: "call" }>, { kind: "error", status: 500, error, noRetry: false }, ctx());
    expect(run).toMatchObject({ status: "failed", error, pending: [] });

    const other = newRun(4);
    applyOutcome(other, call(other), { kind: "error", status: 400, error, noRetry: true }, ctx());
    expect(other.status).toBe("failed");
  });

  it("waits for an unreachable app without using up attempts", () => {
    const run = newRun(1);
    const item = call(run);
    applyOutcome(run, item, { kind: "unreachable", error: "ECONNREFUSED" }, ctx());
    applyOutcome(run, run.pending[0] as Extract<WorkItem, { kind: "call" }>, { kind: "unreachable", error: "ECONNREFUSED" }, ctx());
    expect(run.status).toBe("running");
    expect(run.pending).toEqual([expect.objectContaining({ stepId: DISCOVERY, attempt: 0, unreachable: 2, dueAt: NOW + 1000 })]);
  });

  it("sleeps for the step's duration, capped by maxSleepMs, then memoises null", () => {
    const run = newRun();
    applyOutcome(run, call(run), { kind: "ops", ops: [{ id: "z", op: "Sleep", name: "2h" }] }, ctx());
    expect(run.pending).toEqual([{ kind: "wake", stepId: "z", dueAt: NOW + 7_200_000 }]);
    const capped = newRun();
    applyOutcome(capped, call(capped), { kind: "ops", ops: [{ id: "z", op: "Sleep", name: "2h" }] }, { ...ctx(), maxSleepMs: 5 });
    expect(capped.pending[0]!.dueAt).toBe(NOW + 5);
    applyWake(capped, capped.pending[0] as Extract<WorkItem, { kind: "wake" }>, ctx());
    expect(capped.memo.z).toEqual({ data: null });
    expect(capped.pending.map((p) => p.stepId)).toEqual([DISCOVERY]);
  });

  it("ends the run on its result, and fails it clearly on an operation it does not support", () => {
    const done = newRun();
    applyOutcome(done, call(done), { kind: "done", data: { ok: true } }, ctx());
    expect(done).toMatchObject({ status: "completed", output: { ok: true }, pending: [] });

    const invoking = newRun();
    applyOutcome(invoking, call(invoking), { kind: "ops", ops: [{ id: "i", op: "InvokeFunction" }] }, ctx());
    expect(invoking.status).toBe("failed");
    expect(invoking.error?.message).toMatch(/^step\.invoke is not supported by the local dev executor/);
  });
});
