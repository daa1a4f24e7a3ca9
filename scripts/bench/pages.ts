// npm run bench:pages — what buyers read, against a bare Next API route answering the same JSON as
// GET /v1/packs, in one run on the production build, at 50 connections:
//   bare route · a bare route doing the catalogue read with one raw `pg` query · GET /v1/packs ·
//   tRPC pack.list · the server-rendered pack page · the marketplace page · GET /v1/marketplace/my-packs
//   (signed in, for an org with three subscriptions).
// Prints req/s, p50 and p99 of each and its throughput ratio to the bare route. Goals: the public
// catalogue (REST, tRPC, pack page) ≥ 0.8×, my-packs ≥ 0.3×. Also the server's resident memory idle,
// at the end of the load and a minute after it (goal: under 250 MiB a minute after).
// Figures on a shared machine are noisy: targets alternate over BENCH_ROUNDS rounds and medians are
// reported (see lib.ts for BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_PROFILE;
// BENCH_SETTLE_SECONDS for the wait before the last memory figure, default 60; BENCH_ONLY=<regex>
// for some targets only).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { seed } from "../../prisma/seed";
import { ACTIVE_ORG_HEADER } from "../../src/lib/active-org";
import { createDb } from "../../src/server/db";
import { adminQuery, dropDatabase, LOCAL_POSTGRES_URL, withDatabase } from "../../src/test/database";
import { migrateDeploy } from "../lib/migrate";
import { CONNECTIONS, ensureProductionBuild, type Figures, measure, medianOf, ROUNDS, SECONDS, startApp } from "./lib";

const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 60);
const SECRET = randomBytes(24).toString("hex");

// The demo catalogue (seed) plus a signed-in buyer with three subscriptions, their counters and an alert.
async function createPagesWorld() {
  const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `pm_bench_pages_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabase(adminUrl, name);
  await migrateDeploy(databaseUrl, { quiet: true });
  const db = createDb(databaseUrl);
  await seed(db);
  const tag = randomBytes(3).toString("hex");
  const user = await db.user.create({ data: { email: `bench-${tag}@bench.example` } });
  const org = await db.org.create({ data: { name: "Bench buyer", slug: `bench-buyer-${tag}` } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
  const packs = await db.pack.findMany({ where: { status: "active" }, orderBy: { title: "asc" }, include: { tiers: true }, take: 3 });
  const periodStart = new Date(Date.now() - 5 * 86_400_000);
  const periodEnd = new Date(Date.now() + 25 * 86_400_000);
  for (const [i, pack] of packs.entries()) {
    const tier = pack.tiers.find((t) => t.tier === "pro")!;
    const sub = await db.buyerSubscription.create({
      data: {
        buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_bench", stripeSubscriptionId: `sub_bench_${tag}_${i}`,
        status: "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd,
      },
    });
    const counter = await db.buyerUsageCounter.create({
      data: { subscriptionId: sub.id, periodStart, periodEnd, rowQuota: tier.rowQuota, rowsUsed: Math.floor(tier.rowQuota * 0.85) },
    });
    await db.usageAlert.create({ data: { counterId: counter.id, thresholdPct: 80 } });
  }
  await db.$disconnect();
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: SECRET });
  return {
    databaseUrl,
    slug: packs[0]!.slug,
    signedIn: { cookie: `next-auth.session-token=${token}`, [ACTIVE_ORG_HEADER]: org.id },
    drop: () => dropDatabase(adminUrl, name),
  };
}

async function main() {
  await ensureProductionBuild();
  const world = await createPagesWorld();
  const bodyFile = join(tmpdir(), `pm-bench-pages-body-${process.pid}.json`);
  const app = await startApp({ DATABASE_URL: world.databaseUrl, BENCH_ROUTES: "1", BENCH_BODY_FILE: bodyFile, NEXTAUTH_SECRET: SECRET });
  const memory: Record<string, string> = {};
  try {
    const u = app.url;
    const trpcInput = encodeURIComponent(JSON.stringify({ json: {} }));
    const targets: Array<[string, string, Record<string, string>, string]> = [
      ["bare route (same JSON as /v1/packs)", `${u}/api/bench/bare`, {}, "-"],
      ["bare route, catalogue in one raw pg query", `${u}/api/bench/catalogue-pg`, {}, "-"],
      ["GET /v1/packs", `${u}/v1/packs`, {}, "≥ 0.80"],
      ["tRPC pack.list", `${u}/api/trpc/pack.list?input=${trpcInput}`, {}, "≥ 0.80"],
      ["pack page (server-rendered)", `${u}/marketplace/packs/${world.slug}`, {}, "≥ 0.80"],
      ["marketplace page", `${u}/marketplace`, {}, "-"],
      ["GET /v1/marketplace/my-packs (signed in)", `${u}/v1/marketplace/my-packs`, world.signedIn, "≥ 0.30"],
    ];
    // BENCH_ONLY=<regex>: only the targets whose name matches it (and the bare route, the reference).
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
    if (only) targets.splice(0, targets.length, ...targets.filter(([name], i) => i === 0 || only.test(name)));
    const catalogue = await fetch(`${u}/v1/packs`);
    if (catalogue.status !== 200) throw new Error(`GET /v1/packs answered ${catalogue.status}: ${await catalogue.text()}`);
    writeFileSync(bodyFile, await catalogue.text());
    for (const [name, url, headers] of targets) {
      const res = await fetch(url, { headers, redirect: "manual" });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const breakdown = async () => JSON.stringify(await (await fetch(`${u}/api/bench/memory`)).json());
    memory["idle (after one request each)"] = `${app.rssMiB().toFixed(0)} MiB`;
    const idleBreakdown = await breakdown();

    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, app.rssMiB())), 1000);
    const runs: Figures[][] = targets.map(() => []);
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [i, [name, url, headers]] of targets.entries()) runs[i]!.push(await measure(name, url, headers));
        console.log(`round ${round}/${ROUNDS}: ${runs.map((r) => `${Math.round(r.at(-1)!.rps)}`).join(", ")} req/s`);
      }
    } finally {
      clearInterval(sampler);
    }
    memory["under load (peak)"] = `${peak.toFixed(0)} MiB`;
    memory["end of load"] = `${app.rssMiB().toFixed(0)} MiB`;
    const loadBreakdown = await breakdown();

    const results = runs.map(medianOf);
    const bare = results[0]!;
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per measurement, medians of ${ROUNDS} alternating rounds, production build\n`);
    console.table(
      results.map((r, i) => ({
        target: r.name,
        "req/s": Math.round(r.rps),
        "p50 ms": r.p50,
        "p99 ms": r.p99,
        "× bare": (r.rps / bare.rps).toFixed(2),
        goal: targets[i]![3],
        non2xx: r.non2xx,
        errors: r.errors,
      })),
    );

    console.log(`Waiting ${SETTLE_SECONDS} s for memory to settle…`);
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    memory[`${SETTLE_SECONDS} s after load`] = `${app.rssMiB().toFixed(0)} MiB`;
    console.log("\nServer resident memory (next-server):");
    console.table(memory);
    console.log(`Where it sits (MiB), idle: ${idleBreakdown}\n  end of load: ${loadBreakdown}\n  after: ${await breakdown()}`);
    if (results.some((r) => r.non2xx > 0 || r.errors > 0)) throw new Error("A target answered errors during the run.");
  } finally {
    await app.stop();
    await world.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
