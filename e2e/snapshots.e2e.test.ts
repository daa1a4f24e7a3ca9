import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db";
import { chromiumPagePerFile } from "./browser";

const baseUrl = inject("baseUrl");
const serverLogPath = inject("serverLogPath");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

// A buyer org of its own (the demo orgs' subscriptions are other tests' business): its owner and a
// subscription to a pack with a current period.
async function subscribedOwner(packSlug: string) {
  const user = await db.user.create({ data: { email: "snapshots-owner@e2e.example", name: "Sam Snapshot" } });
  const org = await db.org.create({ data: { name: "Snapshot Buyers", slug: "snapshot-buyers", settings: { create: {} } } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
  const pack = await db.pack.findUniqueOrThrow({ where: { slug: packSlug }, include: { tiers: { where: { tier: "standard" } } } });
  const now = Date.now();
  const periodStart = new Date(now - 86_400_000);
  const periodEnd = new Date(now + 29 * 86_400_000);
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: pack.tiers[0]!.id, stripeCustomerId: "cus_e2e_snapshots", stripeSubscriptionId: "sub_e2e_snapshots",
      status: "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd,
    },
  });
  const counter = await db.buyerUsageCounter.create({ data: { subscriptionId: sub.id, periodStart, periodEnd, rowQuota: pack.tiers[0]!.rowQuota } });
  return { user, pack, counter };
}

function signInLinksFor(email: string): string[] {
  const pattern = new RegExp(`Sign-in link for ${email.replace(/[.]/g, "\\.")}:\\s*(\\S+)`, "g");
  return [...readFileSync(serverLogPath, "utf8").matchAll(pattern)].map((m) => m[1]!);
}

async function signInByEmail(page: Page, email: string, callbackUrl: string) {
  await page.goto(`${baseUrl}/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue with email" }).click();
  await page.waitForURL(/verify-request/);
  await expect.poll(() => signInLinksFor(email).length, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.goto(signInLinksFor(email).at(-1)!);
  await page.waitForURL(`${baseUrl}${callbackUrl}`);
}

describe("snapshots on My Packs", () => {
  it("the download route is Next's, not the /v1 catch-all's", async () => {
    const res = await fetch(`${baseUrl}/v1/snapshots/nope/download`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Sign in or send an API key (Authorization: Bearer <key>)." } });
  });

  it("an admin makes a snapshot now, downloads it, and a download that does not fit the quota says so", async () => {
    const { user, pack, counter } = await subscribedOwner("grocery-basket-index");
    const page = ui.page;
    await signInByEmail(page, user.email, "/app/marketplace/my-packs");
    const card = page.getByTestId("my-pack").filter({ hasText: pack.title });
    await card.getByTestId("download-button").click();
    const dialog = page.getByRole("dialog", { name: `Snapshots of ${pack.title}` });
    await dialog.getByText("No snapshot yet — the first is made daily at 03:00 UTC.").waitFor();

    // Made by the workflow (outbox → Inngest executor → /api/inngest); the list polls until it shows.
    await dialog.getByRole("button", { name: "Make a snapshot now" }).click();
    await dialog.getByTestId("snapshot-request-status").getByText("Your snapshot is ready below.").waitFor({ timeout: 60_000 });
    const rows = dialog.getByTestId("snapshot-row");
    expect(await rows.count()).toBe(2);
    const rowCount = await db.packRow.count({ where: { packId: pack.id } });
    const csvRow = rows.filter({ hasText: "CSV" });
    expect(await csvRow.innerText()).toContain(new Intl.NumberFormat("en-US").format(rowCount));
    await page.screenshot({ path: "test-results/my-packs-snapshots.png", fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), csvRow.getByRole("link", { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${pack.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.trimEnd().split("\n")).toHaveLength(rowCount + 1);
    await expect.poll(async () => (await db.buyerUsageCounter.findUniqueOrThrow({ where: { id: counter.id } })).rowsUsed).toBe(rowCount);

    // Fewer rows left than the snapshot has: refused with the server's message, nothing counted.
    const used = counter.rowQuota - rowCount + 1;
    await db.buyerUsageCounter.update({ where: { id: counter.id }, data: { rowsUsed: used } });
    await rows.filter({ hasText: "JSON Lines" }).getByRole("link", { name: /Download/ }).click();
    const refused = dialog.getByTestId("snapshot-download-error");
    await refused.waitFor();
    expect(await refused.innerText()).toContain(`This snapshot has ${new Intl.NumberFormat("en-US").format(rowCount)} rows and`);
    expect(await refused.innerText()).toContain("nothing was counted");
    expect((await db.buyerUsageCounter.findUniqueOrThrow({ where: { id: counter.id } })).rowsUsed).toBe(used);
  });
});
