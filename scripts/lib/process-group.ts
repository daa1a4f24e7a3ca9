// A child command run in a process group of its own, stopped as a whole. `npx next dev` is three
// processes (npx, next's CLI, the dev server it forks): signalling the one we spawned left the
// server running on its port after `npm run dev` had stopped. Here stop() signals the whole
// group, waits until every process in it is gone, and kills what is left after a grace period.
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { Readable } from "node:stream";

export type GroupChild = {
  pid: number;
  // The spawned process's output, when spawned with stdio "pipe".
  stdout: Readable | null;
  // Resolves with the exit code (null when killed by a signal) of the process we spawned.
  exited: Promise<number | null>;
  // True while any process of the group is alive.
  alive(): boolean;
  stop(opts?: { graceMs?: number }): Promise<void>;
};

// Linux: a process of the group that is not a zombie (an exited process nobody reaped yet, which
// holds no port and which a container without an init may keep forever). Elsewhere: signal 0.
function groupAlive(pgid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue;
      }
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(group) === pgid && state !== "Z") return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: a process is there, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

export function spawnGroup(command: string, args: string[], options: Omit<SpawnOptions, "detached"> = {}): GroupChild {
  // detached: the child leads a new process group (its pid is the group id). It also keeps a
  // terminal's Ctrl-C from reaching it directly: the supervisor decides the order of shutdown.
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${command}`);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  return {
    pid,
    stdout: child.stdout,
    exited,
    alive: () => groupAlive(pid),
    stop({ graceMs = 5000 } = {}) {
      stopping ??= (async () => {
        signalGroup(pid, "SIGTERM");
        const deadline = Date.now() + graceMs;
        while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (groupAlive(pid)) {
          signalGroup(pid, "SIGKILL");
          while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 20));
        }
      })();
      return stopping;
    },
  };
}

function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2);
  } catch {
    return null;
  }
}

// This process's parent, grandparent and so on, below init (Linux; elsewhere just the parent).
export function ancestors(max = 4): number[] {
  if (!existsSync("/proc/self/stat")) return process.ppid > 1 ? [process.ppid] : [];
  const found: number[] = [];
  for (let pid = process.ppid; pid > 1 && found.length < max; ) {
    found.push(pid);
    pid = Number(processState(pid)?.split(" ")[1] ?? 0);
  }
  return found;
}

function processAlive(pid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    const state = processState(pid);
    return state !== null && !state.startsWith("Z");
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Calls `onExit` once when any of `pids` has exited. `npm run dev` runs `sh -c "tsx scripts/dev.ts"`,
// and a SIGTERM to npm ends npm and sh without reaching tsx, which would leave the app, its database
// and every part running, orphaned; watching the processes it started under notices that.
export function whenAnAncestorExits(pids: number[], onExit: () => void, intervalMs = 500): () => void {
  const timer = setInterval(() => {
    if (pids.every(processAlive)) return;
    clearInterval(timer);
    onExit();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
