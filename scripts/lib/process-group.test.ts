// Stopping a child process group: a child that forks a server of its own (as npx → next → the dev
// server do) leaves nothing behind, and the port the grandchild held is free again.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { spawnGroup } from "./process-group";

// A parent that forks a grandchild listening on a port; the parent prints the port and stays.
// The grandchild ignores SIGTERM when asked to, as a server stuck in a slow shutdown would.
function parentScript(grandchildIgnoresTerm: boolean, port: number): string {
  const grandchild = `
    ${grandchildIgnoresTerm ? "process.on('SIGTERM', () => {});" : ""}
    const server = require('node:net').createServer().listen(${port}, '127.0.0.1', () => process.send(server.address().port));`;
  return `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (port) => console.log('port ' + port));
    setInterval(() => {}, 1000);`;
}

const started: Array<ReturnType<typeof spawnGroup>> = [];
afterEach(() => Promise.all(started.splice(0).map((group) => group.stop({ graceMs: 0 }))));

// A free port below Linux's ephemeral range (32768 and up), so that once the grandchild has let it
// go no other process of a busy test run is handed it by the kernel (as one asking for port 0 is).
async function quietPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await portFree(port)) return port;
  }
}

// The number a child prints on its stdout in `pattern`'s first group.
function numberPrinted(child: { stdout: NodeJS.ReadableStream | null }, pattern: RegExp, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`nothing printed matches ${pattern}: ${out}`)), timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
}

async function startTree(grandchildIgnoresTerm = false) {
  const group = spawnGroup(process.execPath, ["-e", parentScript(grandchildIgnoresTerm, await quietPort())], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(group);
  const port = await numberPrinted(group, /port (\d+)/, 10_000);
  return { group, port };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

// The kernel may finish closing a killed process's socket a moment after the process is gone (seen
// on a loaded CI machine): a port still held after seconds is what this catches.
async function expectPortFreed(port: number) {
  await vi.waitFor(async () => expect(await portFree(port)).toBe(true), { timeout: 3_000, interval: 50 });
}

describe("spawnGroup", () => {
  it("stop() ends the child and its grandchild, and frees the grandchild's port", async () => {
    const { group, port } = await startTree();
    expect(await portFree(port)).toBe(false);
    await group.stop();
    expect(group.alive()).toBe(false);
    await expectPortFreed(port);
    expect(await group.exited).toBeNull();
  });

  it("kills what ignores SIGTERM after the grace period", async () => {
    const { group, port } = await startTree(true);
    const started = Date.now();
    await group.stop({ graceMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(group.alive()).toBe(false);
    await expectPortFreed(port);
  });
});

describe("whenAnAncestorExits", () => {
  it("notices that the shell it was started under was killed, as a SIGTERM to `npm run dev` kills it", async () => {
    const groupModule = new URL("./process-group.ts", import.meta.url).pathname;
    const script = join(mkdtempSync(join(tmpdir(), "pm-ancestors-")), "child.mts");
    writeFileSync(
      script,
      `import { ancestors, whenAnAncestorExits } from ${JSON.stringify(groupModule)};
      whenAnAncestorExits(ancestors(), () => process.exit(0), 50);
      console.log("pid " + process.pid);
      setInterval(() => {}, 1000);`,
    );
    // "; true" keeps sh from exec-ing node: sh stays the parent, as under npm.
    const shell = spawnGroup("sh", ["-c", `"${process.execPath}" --import tsx "${script}"; true`], { stdio: ["ignore", "pipe", "inherit"] });
    started.push(shell);
    const pid = await numberPrinted(shell, /pid (\d+)/, 20_000);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    // Only the shell, not its group: what npm's signal forwarding does.
    process.kill(shell.pid, "SIGTERM");
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  }, 30_000);
});
