// The Stripe fake in a process of its own, for benchmarks: Stripe is another machine in production,
// so its work must not share the measured process's CPU. Started by `startStripeFakeProcess`; the
// child seeds `count` onboarded Connect accounts, answers with latency 0, prints one JSON line
// ({ url, accounts }) and runs until its stdin closes (the parent exiting closes it too).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { startStripeFake } from "../stripe-fake";

export type StripeFakeProcess = { url: string; accounts: string[]; stop(): Promise<void> };

export async function startStripeFakeProcess(count: number): Promise<StripeFakeProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, String(count)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`The Stripe fake process exited (${code}) before it started.`)));
  });
  const { url, accounts } = JSON.parse(first) as { url: string; accounts: string[] };
  return {
    url,
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}

async function child(count: number) {
  const fake = await startStripeFake({ port: 0, log: () => undefined });
  fake.setApiLatency({ minMs: 0, maxMs: 0 });
  const accounts = fake.seedOnboardedAccounts(count);
  process.stdout.write(`${JSON.stringify({ url: `http://${fake.host}:${fake.port}`, accounts })}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => void fake.stop().then(() => process.exit(0)));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  child(Number(process.argv[2] ?? 0)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
