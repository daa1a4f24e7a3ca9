// One call request to the app's serve endpoint (docs/SDK_SPEC.md §4.4 of inngest/inngest): the
// event, the memoised steps and the run context go in; out comes the function's result (200),
// the steps it reached (206), or an error (4xx/5xx, with x-inngest-no-retry).
import type { InngestEvent, Memo, SerializedError } from "./types";

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: SerializedError;
};

export type CallRequest = {
  url: string;
  stepId: string;
  event: InngestEvent;
  runId: string;
  attempt: number;
  maxAttempts: number;
  memo: Record<string, Memo>;
  stack: string[];
  disableImmediateExecution: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
};

export type CallOutcome =
  | { kind: "done"; data: unknown }
  | { kind: "ops"; ops: Op[]; retryAfter?: string }
  | { kind: "error"; status: number; error: SerializedError; noRetry: boolean; retryAfter?: string }
  // The app did not answer at all (not started, restarting): not the function's fault.
  | { kind: "unreachable"; error: string };

const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "UND_ERR_SOCKET"]);

export async function callFunction(req: CallRequest): Promise<CallOutcome> {
  const url = new URL(req.url);
  url.searchParams.set("stepId", req.stepId);
  const body = {
    event: req.event,
    events: [req.event],
    steps: req.memo,
    ctx: {
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: req.disableImmediateExecution,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
    },
  };
  const timeout = AbortSignal.timeout(req.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
      body: JSON.stringify(body),
      signal: req.signal ? AbortSignal.any([req.signal, timeout]) : timeout,
    });
  } catch (error) {
    const code = errorCode(error);
    if (code && UNREACHABLE.has(code)) return { kind: "unreachable", error: `${code} ${url.origin}` };
    const message = timeout.aborted ? `no answer within ${req.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { kind: "error", status: 0, error: { name: "CallError", message }, noRetry: false };
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  const retryAfter = res.headers.get("retry-after") ?? undefined;
  if (res.status === 200) return { kind: "done", data: parsed };
  if (res.status === 206) {
    const ops = Array.isArray(parsed) ? (parsed as Op[]) : [parsed as Op];
    return { kind: "ops", ops, retryAfter };
  }
  return {
    kind: "error",
    status: res.status,
    error: toError(parsed, res.status),
    noRetry: res.headers.get("x-inngest-no-retry") === "true",
    retryAfter,
  };
}

function toError(body: unknown, status: number): SerializedError {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : JSON.stringify(body);
    return { ...b, name: typeof b.name === "string" ? b.name : "Error", message };
  }
  return { name: "Error", message: `HTTP ${status}${body ? `: ${String(body).slice(0, 500)}` : ""}` };
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
