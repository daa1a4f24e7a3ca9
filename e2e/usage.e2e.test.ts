import { readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db";
import { findCurrentCounter } from "~/server/services/usage/current-counter";
import { debitQuota } from "~/server/services/usage/debit-quota";
import { rollupUsage } from "~/server/services/usage/rollup-usage";
import { chromiumPagePerFile } from "./browser";

const baseUrl = inject("baseUrl");
const serverLogPath = inject("serverLogPath");
const db = createDb(inject("databaseUrl"));
const ui = chromiumPagePerFile();
afterAll(() => db.$disconnect());

describe("usage on My Packs", () => {
  it("charts a subscription's rows per day and warns at 80% of its quota, on the page and by email", async () => {
    // Sara's org (Orbit Analytics) subscribes to a pack nobody else here buys.
    await ui.page.goto(`${baseUrl}/auth/signin?callbackUrl=/marketplace/packs/ev-charging-sessions`);
    await ui.page.getByRole("button", { name: /Sara/ }).click();
    await ui.page.waitForURL(/\/marketplace\/packs\/ev-charging-sessions/);
    await ui.page.getByTestId("tier-card").first().getByRole("button", { name: "Subscribe & Get Access" }).click();
    await ui.page.getByRole("button", { name: "Pay" }).click();
    await ui.page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });
    const card = ui.page.getByTestId("my-pack").filter({ hasText: "EV Charging Sessions" });
    await card.getByTestId("usage-chart-empty").waitFor();
    expect(await ui.page.getByTestId("usage-alert").count()).toBe(0);

    // Reads through the metering service: 85% of the period's quota, part of it rolled up.
    const sub = await db.buyerSubscription.findFirstOrThrow({
      where: { buyerOrg: { slug: "orbit-analytics" }, pack: { slug: "ev-charging-sessions" } },
    });
    const counter = (await findCurrentCounter(db, { subscription: sub }))!;
    const first = Math.floor(counter.rowQuota * 0.5);
    await debitQuota(db, { counterId: counter.id, rows: first, mode: "up_to", source: "api" });
    await rollupUsage(db);
    await debitQuota(db, { counterId: counter.id, rows: Math.ceil(counter.rowQuota * 0.85) - first, mode: "up_to", source: "snapshot" });

    await ui.page.reload();
    const notice = ui.page.getByTestId("usage-alert");
    await notice.waitFor();
    expect(await notice.innerText()).toContain("You have used 80% of this period's rows for EV Charging Sessions");
    const chart = card.getByTestId("usage-chart");
    await chart.waitFor();
    expect(await chart.locator("svg .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await card.getByTestId("usage-chart-summary").innerText()).toMatch(
      new RegExp(`^${new Intl.NumberFormat("en-US").format(Math.ceil(counter.rowQuota * 0.85))} rows read over 1 day`),
    );
    await ui.page.screenshot({ path: "test-results/my-packs-usage.png", fullPage: true });

    await expect
      .poll(() => readFileSync(serverLogPath, "utf8"), { timeout: 20_000 })
      .toContain("to sara@orbit-analytics.example: You have used 80% of this period's rows for EV Charging Sessions");
  });
});
