// The dev executor's data: what apps synced, the events it received and the runs it drives. All
// of it is plain JSON, kept in one state file (state.ts).

export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
  v?: string;
};

export type SerializedError = { name: string; message: string; stack?: string; [key: string]: unknown };

export type EventTrigger = { event: string; expression?: string };
export type CronTrigger = { cron: string; jitter?: string };
export type FunctionTrigger = EventTrigger | CronTrigger;

// A function as the SDK describes it when syncing (POST /fn/register).
export type FunctionConfig = {
  id: string;
  name?: string;
  triggers: FunctionTrigger[];
  steps: Record<string, { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  [option: string]: unknown;
};

export type AppRecord = { id: string; url: string; sdk?: string; framework?: string; syncedAt: string; functions: FunctionConfig[] };

export type EventRecord = {
  event: InngestEvent;
  receivedAt: string;
  // `queued`: no app had synced yet; matched against functions at the next sync.
  status: "queued" | "processed";
  runIds: string[];
};

// One thing to do for a run: call the SDK (to discover steps, or to run one planned step), or
// end a sleep. `dueAt` is epoch ms.
export type WorkItem =
  | { kind: "call"; stepId: string; attempt: number; dueAt: number; unreachable?: number; inFlight?: boolean }
  | { kind: "wake"; stepId: string; dueAt: number };

export type StepStatus = "planned" | "completed" | "retrying" | "failed" | "sleeping";

export type StepRecord = {
  id: string;
  name: string;
  op: string;
  status: StepStatus;
  attempts: number;
  error?: string;
  startedAt: string;
  endedAt?: string;
  wakeAt?: string;
};

export type RunStatus = "running" | "completed" | "failed";

export type Memo = { data: unknown } | { error: SerializedError };

export type RunRecord = {
  id: string;
  appId: string;
  functionId: string;
  functionName: string;
  trigger: "event" | "cron" | "manual";
  event: InngestEvent;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  output?: unknown;
  error?: SerializedError;
  // retries + 1
  maxAttempts: number;
  // Memoised step results by hashed step id, and the order they completed in (ctx.stack).
  memo: Record<string, Memo>;
  stack: string[];
  // Set once the function reported steps in parallel: from then on every step is planned first.
  disableImmediateExecution: boolean;
  pending: WorkItem[];
  steps: StepRecord[];
};

export type ExecutorState = {
  version: 1;
  url?: string;
  apps: Record<string, AppRecord>;
  events: EventRecord[];
  runs: Record<string, RunRecord>;
  // Last minute (ISO) each cron trigger fired, by `${functionId} ${cron}`.
  cronLastFired: Record<string, string>;
};

export const emptyState = (): ExecutorState => ({ version: 1, apps: {}, events: [], runs: {}, cronLastFired: {} });

export const isCronTrigger = (t: FunctionTrigger): t is CronTrigger => "cron" in t && typeof t.cron === "string";
export const isEventTrigger = (t: FunctionTrigger): t is EventTrigger => "event" in t && typeof t.event === "string";
