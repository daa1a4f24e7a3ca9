// The executor's state in one JSON file, rewritten atomically (temp file + rename) shortly after
// each change, so stopping `npm run dev` at any moment loses no queued event or pending run.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { emptyState, type ExecutorState } from "./types";

// Terminal runs and processed events beyond these are dropped, oldest first. Event ids are
// remembered for 24 hours (what Inngest deduplicates on) within the cap.
export const KEEP_FINISHED_RUNS = 300;
export const KEEP_EVENTS = 2000;
export const EVENT_DEDUPE_MS = 24 * 60 * 60 * 1000;

const WRITE_DELAY_MS = 20;

export class StateStore {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly file: string,
    public state: ExecutorState,
  ) {}

  static async open(file: string, log: (message: string) => void = () => undefined): Promise<StateStore> {
    await mkdir(dirname(file), { recursive: true });
    let state = emptyState();
    let raw: string | undefined;
    try {
      raw = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (raw !== undefined) {
      try {
        state = { ...emptyState(), ...(JSON.parse(raw) as ExecutorState) };
      } catch {
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(file, aside);
        log(`state file was not valid JSON; moved it to ${aside} and started empty`);
      }
    }
    // A call that was in flight when the process stopped never got its answer: make it again.
    for (const run of Object.values(state.runs)) {
      for (const item of run.pending) if (item.kind === "call") delete item.inFlight;
    }
    return new StateStore(file, state);
  }

  // Schedules a write; changes made in the same moment are written together.
  save(): void {
    if (this.closed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, WRITE_DELAY_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      prune(this.state);
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(this.state));
      await rename(tmp, this.file);
    });
    return this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}

export function prune(state: ExecutorState, now = Date.now()): void {
  const finished = Object.values(state.runs)
    .filter((r) => r.status !== "running")
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const run of finished.slice(KEEP_FINISHED_RUNS)) delete state.runs[run.id];

  state.events = state.events.filter(
    (e, i) => e.status === "queued" || (i >= state.events.length - KEEP_EVENTS && now - Date.parse(e.receivedAt) < EVENT_DEDUPE_MS),
  );
}
