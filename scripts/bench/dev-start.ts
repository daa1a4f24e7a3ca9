// `npm run bench:dev`: how long `npm run dev` takes to serve its first page, in a fresh clone of this
// checkout's HEAD (its node_modules hard-linked and the Prisma client generated, as `npm install` leaves
// them) and again on a restart with the data present; and that a SIGTERM to `npm run dev` stops every
// process it started (nothing answers on its port afterwards, and none of them is left).
// The first page is GET /marketplace answering 200 (next dev compiles it on that request) with the
// catalogue it shows answering packs.
// Goals: < 30 s on a fresh clone, < 15 s on a restart. BENCH_DEV_RESTARTS restarts (default 2);
// BENCH_DEV_LOG=<path prefix> keeps each start's output.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./lib";

const RESTARTS = Number(process.env.BENCH_DEV_RESTARTS ?? 2);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Start = { dataReadyMs: number | null; firstPageMs: number; stopMs: number; leftOver: string[] };

function processesIn(dir: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return out.split("\n").filter((line) => line.includes(dir) && !line.includes("ps -eo"));
}

async function startAndStop(dir: string, port: number): Promise<Start> {
  const started = Date.now();
  // The embedded parts, whatever this shell points at.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: "development" };
  for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "INNGEST_BASE_URL", "NEXTAUTH_URL", "REDIS_URL"]) delete env[name];
  const child = spawn("npm", ["run", "dev"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let dataReadyMs: number | null = null;
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (dataReadyMs === null && output.includes("data ready in")) dataReadyMs = Date.now() - started;
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // The first page a visitor can use: the marketplace page, and the catalogue it shows (its tRPC
  // read answering packs), so a page served before the data is there does not count.
  const app = `http://127.0.0.1:${port}`;
  const get = (path: string) => fetch(`${app}${path}`, { signal: AbortSignal.timeout(120_000) });
  const catalogue = `/api/trpc/pack.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;
  let firstPageMs: number | null = null;
  while (Date.now() - started < 300_000 && child.exitCode === null) {
    const ok = await get("/marketplace").then(
      async (page) => page.status === 200 && (await get(catalogue).then(async (r) => r.status === 200 && (await r.text()).includes('"slug"'))),
      () => false,
    );
    if (ok) {
      firstPageMs = Date.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (process.env.BENCH_DEV_LOG) writeFileSync(`${process.env.BENCH_DEV_LOG}.${port}.${started}.log`, output);
  if (firstPageMs === null) throw new Error(`npm run dev served no page:\n${output.slice(-3000)}`);
  // Like a process manager: SIGTERM to `npm run dev` itself, not to its group.
  const stopping = Date.now();
  child.kill("SIGTERM");
  await new Promise<void>((done) => (child.exitCode !== null ? done() : child.once("exit", () => done())));
  let leftOver = processesIn(dir);
  for (let i = 0; i < 50 && leftOver.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    leftOver = processesIn(dir);
  }
  const stopMs = Date.now() - stopping;
  const answering = await fetch(`http://127.0.0.1:${port}/marketplace`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
  if (answering) leftOver.push(`something still answers on port ${port}`);
  return { dataReadyMs, firstPageMs, stopMs, leftOver };
}

async function main() {
  const repo = resolve(process.cwd());
  const dir = mkdtempSync(join(tmpdir(), "pm-bench-dev-"));
  try {
    execFileSync("git", ["clone", "-q", repo, dir]);
    // Hard links, as fast as a symlink, which Turbopack does not follow out of the project.
    execFileSync("cp", ["-al", join(repo, "node_modules"), join(dir, "node_modules")]);
    execFileSync("npx", ["prisma", "generate"], { cwd: dir, stdio: "ignore" });
    const port = await freePort();
    const runs: Array<[string, Start]> = [["fresh clone", await startAndStop(dir, port)]];
    for (let i = 1; i <= RESTARTS; i++) runs.push([`restart ${i}`, await startAndStop(dir, port)]);
    console.table(
      runs.map(([name, r]) => ({
        start: name,
        "data ready": r.dataReadyMs === null ? "-" : seconds(r.dataReadyMs),
        "first page": seconds(r.firstPageMs),
        goal: name === "fresh clone" ? "< 30 s" : "< 15 s",
        "stopped in": seconds(r.stopMs),
        "left running": r.leftOver.length === 0 ? "nothing" : r.leftOver.join("; "),
      })),
    );
    if (runs.some(([, r]) => r.leftOver.length > 0)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
