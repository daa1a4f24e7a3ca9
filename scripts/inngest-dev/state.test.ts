import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EVENT_DEDUPE_MS, KEEP_FINISHED_RUNS, prune, StateStore } from "./state";
import { emptyState, type RunRecord } from "./types";

const dirs: string[] = [];
function stateFile() {
  const dir = mkdtempSync(join(tmpdir(), "inngest-state-"));
  dirs.push(dir);
  return join(dir, "nested", "state.json");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(id: string, status: RunRecord["status"], createdAt = new Date().toISOString()): RunRecord {
  return {
    id,
    appId: "app",
    functionId: "app-fn",
    functionName: "fn",
    trigger: "event",
    event: { id: `evt-${id}`, name: "x", data: {}, ts: 0 },
    status,
    createdAt,
    updatedAt: createdAt,
    maxAttempts: 4,
    memo: { abc: { data: { n: 1 } } },
    stack: ["abc"],
    disableImmediateExecution: false,
    pending: status === "running" ? [{ kind: "call", stepId: "step", attempt: 1, dueAt: 123, inFlight: true }] : [],
    steps: [],
  };
}

describe("the executor's state file", () => {
  it("round-trips through the file, and a call that was in flight is made again after a restart", async () => {
    const file = stateFile();
    const store = await StateStore.open(file);
    expect(store.state).toEqual(emptyState());
    store.state.runs.r1 = run("r1", "running");
    store.state.events.push({ event: { id: "e1", name: "x", data: { a: 1 }, ts: 1 }, receivedAt: new Date().toISOString(), status: "queued", runIds: [] });
    store.state.cronLastFired["app-fn 0 * * * *"] = "2026-11-26T15:00:00.000Z";
    store.save();
    await store.close();

    const reopened = await StateStore.open(file);
    expect(reopened.state.runs.r1!.memo).toEqual({ abc: { data: { n: 1 } } });
    expect(reopened.state.runs.r1!.pending).toEqual([{ kind: "call", stepId: "step", attempt: 1, dueAt: 123 }]);
    expect(reopened.state.events[0]).toMatchObject({ status: "queued", event: { id: "e1" } });
    expect(reopened.state.cronLastFired).toEqual({ "app-fn 0 * * * *": "2026-11-26T15:00:00.000Z" });
  });

  it("writes through a temporary file that it renames, leaving only the state file", async () => {
    const file = stateFile();
    const store = await StateStore.open(file);
    for (let i = 0; i < 20; i++) {
      store.state.runs[`r${i}`] = run(`r${i}`, "completed");
      store.save();
    }
    await store.flush();
    expect(readdirSync(join(file, ".."))).toEqual(["state.json"]);
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")).runs)).toHaveLength(20);
  });

  it("sets a corrupt file aside and starts empty instead of refusing to start", async () => {
    const file = stateFile();
    await (await StateStore.open(file)).close();
    writeFileSync(file, "{ not json");
    const messages: string[] = [];
    const store = await StateStore.open(file, (m) => messages.push(m));
    expect(store.state).toEqual(emptyState());
    expect(messages[0]).toMatch(/not valid JSON; moved it to .*state\.json\.corrupt-/);
  });

  it("keeps every unfinished run and queued event, and drops the oldest finished ones", () => {
    const state = emptyState();
    const now = Date.parse("2026-11-26T12:00:00Z");
    for (let i = 0; i < KEEP_FINISHED_RUNS + 5; i++) {
      const created = new Date(now - (KEEP_FINISHED_RUNS + 5 - i) * 1000).toISOString();
      state.runs[`done${i}`] = run(`done${i}`, i % 2 ? "completed" : "failed", created);
    }
    state.runs.old = run("old", "running", "2020-01-01T00:00:00.000Z");
    const receivedAt = (ageMs: number) => new Date(now - ageMs).toISOString();
    state.events = [
      { event: { id: "stale", name: "x", data: {}, ts: 0 }, receivedAt: receivedAt(EVENT_DEDUPE_MS + 1), status: "processed", runIds: [] },
      { event: { id: "waiting", name: "x", data: {}, ts: 0 }, receivedAt: receivedAt(EVENT_DEDUPE_MS + 1), status: "queued", runIds: [] },
      { event: { id: "recent", name: "x", data: {}, ts: 0 }, receivedAt: receivedAt(1000), status: "processed", runIds: [] },
    ];
    prune(state, now);
    expect(Object.keys(state.runs)).toHaveLength(KEEP_FINISHED_RUNS + 1);
    expect(state.runs.old).toBeDefined();
    expect(state.runs.done0).toBeUndefined();
    expect(state.runs[`done${KEEP_FINISHED_RUNS + 4}`]).toBeDefined();
    expect(state.events.map((e) => e.event.id)).toEqual(["waiting", "recent"]);
  });
});
