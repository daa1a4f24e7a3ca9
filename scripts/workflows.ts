// `npm run workflows`: what the local Inngest executor (scripts/inngest-dev/) has been doing.
//
//   npm run workflows                                  recent runs: status, steps, errors
//   npm run workflows -- runs [--limit 50] [--function heartbeat-cleanup]
//   npm run workflows -- run <run-id>                  one run, with its event and output
//   npm run workflows -- functions                     synced functions, triggers, next cron time
//   npm run workflows -- trigger <function-id> [--data '{"k":1}'] [--no-wait]
//                                                      run a function now (a cron function by hand)
//   npm run workflows -- send <event-name> [--data '{"k":1}'] [--id <event-id>]
//   npm run workflows -- sync                          re-sync the app (after adding a function)
//
// It talks to the executor of a running `npm run dev`; listings fall back to its state file.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DEFAULT_EXECUTOR_PORT, DEFAULT_STATE_FILE } from "./inngest-dev";
import type { ExecutorState, RunRecord, StepRecord } from "./inngest-dev/types";

type RunView = Omit<RunRecord, "memo" | "stack" | "pending">;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: "string", default: "20" },
    function: { type: "string" },
    data: { type: "string" },
    id: { type: "string" },
    "no-wait": { type: "boolean", default: false },
    state: { type: "string", default: DEFAULT_STATE_FILE },
  },
});

async function readState(): Promise<ExecutorState | undefined> {
  try {
    return JSON.parse(await readFile(values.state!, "utf8")) as ExecutorState;
  } catch {
    return undefined;
  }
}

async function executorUrl(): Promise<string> {
  return process.env.INNGEST_BASE_URL ?? (await readState())?.url ?? `http://127.0.0.1:${DEFAULT_EXECUTOR_PORT}`;
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const url = `${await executorUrl()}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
  } catch {
    throw new Offline(`the local Inngest executor does not answer at ${url}: is \`npm run dev\` running?`);
  }
  const body = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

class Offline extends Error {}

const json = (text: string | undefined) => (text ? (JSON.parse(text) as Record<string, unknown>) : {});
const short = (run: RunView) => run.functionId.replace(`${run.appId}-`, "");
const when = (iso: string) => iso.replace("T", " ").slice(0, 19);
const ICONS: Record<StepRecord["status"], string> = { completed: "✓", failed: "✗", retrying: "↻", planned: "·", sleeping: "z" };

function printRun(run: RunView, detail = false) {
  const took = run.endedAt ? ` in ${Date.parse(run.endedAt) - Date.parse(run.createdAt)} ms` : "";
  const cause = run.trigger === "event" ? `event ${run.event.name}` : run.trigger;
  console.log(`${when(run.createdAt)}  ${run.status.padEnd(9)}  ${short(run)}  ${run.id}  (${cause}${took})`);
  for (const step of run.steps) {
    const attempts = step.attempts > 1 ? ` (${step.attempts} attempts)` : "";
    const extra = step.status === "sleeping" && step.wakeAt ? ` until ${when(step.wakeAt)}` : step.error && step.status !== "completed" ? `: ${step.error}` : "";
    console.log(`    ${ICONS[step.status]} ${step.name}${attempts}${extra}`);
  }
  if (run.error) console.log(`    error: ${run.error.name}: ${run.error.message}`);
  if (detail) {
    console.log(`    event: ${JSON.stringify(run.event)}`);
    if (run.status === "completed") console.log(`    output: ${JSON.stringify(run.output)}`);
  }
}

async function listRuns() {
  const query = new URLSearchParams({ limit: values.limit! });
  if (values.function) query.set("function", values.function);
  let runs: RunView[];
  try {
    runs = await api<RunView[]>(`/dev/runs?${query}`);
  } catch (error) {
    const state = error instanceof Offline ? await readState() : undefined;
    if (!state) throw error;
    console.log(`(executor not running: from ${values.state})\n`);
    runs = Object.values(state.runs)
      .filter((r) => !values.function || r.functionId.endsWith(`-${values.function}`))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, Number(values.limit));
  }
  if (runs.length === 0) console.log("No runs yet. Trigger one: npm run workflows -- trigger heartbeat-cleanup");
  for (const run of runs) printRun(run);
}

async function main() {
  const [command = "runs", arg] = positionals;
  switch (command) {
    case "runs":
      return listRuns();
    case "run": {
      if (!arg) throw new Error("usage: npm run workflows -- run <run-id>");
      return printRun(await api<RunView>(`/dev/runs/${encodeURIComponent(arg)}`), true);
    }
    case "functions": {
      const fns = await api<Array<{ slug: string; appId: string; triggers: Array<{ event?: string; cron?: string }>; nextCronAt?: string }>>("/dev/functions");
      if (fns.length === 0) console.log("No app has synced yet.");
      for (const f of fns) {
        const triggers = f.triggers.map((t) => (t.cron ? `cron "${t.cron}"` : `event ${t.event}`)).join(", ");
        console.log(`${f.slug}  (${f.appId})  ${triggers}${f.nextCronAt ? `  next: ${when(f.nextCronAt)} UTC` : ""}`);
      }
      return;
    }
    case "trigger": {
      if (!arg) throw new Error("usage: npm run workflows -- trigger <function-id>");
      const { runId } = await api<{ runId: string }>(`/dev/functions/${encodeURIComponent(arg)}/trigger`, {
        method: "POST",
        body: JSON.stringify({ data: json(values.data) }),
      });
      console.log(`started run ${runId}`);
      if (values["no-wait"]) return;
      const run = await api<RunView>(`/dev/runs/${runId}?wait=1&timeout=120000`);
      printRun(run, true);
      if (run.status === "failed") process.exitCode = 1;
      return;
    }
    case "send": {
      if (!arg) throw new Error("usage: npm run workflows -- send <event-name> [--data '{...}'] [--id <id>]");
      const { ids } = await api<{ ids: string[] }>("/e/dev", { method: "POST", body: JSON.stringify({ name: arg, data: json(values.data), id: values.id }) });
      console.log(`sent ${arg} as ${ids.join(", ")}`);
      return;
    }
    case "sync": {
      const results = await api<Array<{ app: string; url: string; ok: boolean; message?: string }>>("/dev/sync", { method: "POST" });
      for (const r of results) console.log(`${r.ok ? "synced" : "FAILED"} ${r.app} at ${r.url}${r.message ? `: ${r.message}` : ""}`);
      if (results.length === 0) console.log("No app has synced yet: start `npm run dev`.");
      return;
    }
    default:
      throw new Error(`unknown command "${command}": runs, run, functions, trigger, send, sync`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
