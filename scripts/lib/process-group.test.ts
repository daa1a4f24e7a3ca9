// Stopping a child process group: a child that forks a server of its own (as npx → next → the dev
// server do) leaves nothing behind, and the port the grandchild held is free again.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { spawnGroup } from "./process-group";

// A parent that forks a grandchild listening on a port; the parent prints the port and stays.
// The grandchild ignores SIGTERM when asked to, as a server stuck in a slow shutdown would.
function parentScript(grandchildIgnoresTerm: boolean): string {
  const grandchild = `
    ${grandchildIgnoresTerm ? "process.on('SIGTERM', () => {});" : ""}
    const server = require('node:net').createServer().listen(0, '127.0.0.1', () => process.send(server.address().port));`;
  return `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (port) => console.log('port ' + port));
    setInterval(() => {}, 1000);`;
}

const started: Array<ReturnType<typeof spawnGroup>> = [];
afterEach(() => Promise.all(started.splice(0).map((group) => group.stop({ graceMs: 0 }))));

async function startTree(grandchildIgnoresTerm = false) {
  const group = spawnGroup(process.execPath, ["-e", parentScript(grandchildIgnoresTerm)], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(group);
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no port: ${out}`)), 10_000);
    group.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { group, port };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("spawnGroup", () => {
  it("stop() ends the child and its grandchild, and frees the grandchild's port", async () => {
    const { group, port } = await startTree();
    expect(await portFree(port)).toBe(false);
    await group.stop();
    expect(group.alive()).toBe(false);
    expect(await portFree(port)).toBe(true);
    expect(await group.exited).toBeNull();
  });

  it("kills what ignores SIGTERM after the grace period", async () => {
    const { group, port } = await startTree(true);
    const started = Date.now();
    await group.stop({ graceMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(group.alive()).toBe(false);
    expect(await portFree(port)).toBe(true);
  });
});
