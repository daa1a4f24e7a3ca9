import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { chromiumPagePerFile } from "./browser";

const baseUrl = inject("baseUrl");
const serverLogPath = inject("serverLogPath");
const ui = chromiumPagePerFile();

describe("buying a pack", () => {
  it("picks a tier, pays on Stripe Checkout and sees the pack in My Packs", async () => {
    // Jonas's org (Fjord Capital) has no subscriptions yet.
    await ui.page.goto(`${baseUrl}/auth/signin?callbackUrl=/app/marketplace/my-packs`);
    await ui.page.getByRole("button", { name: /Jonas/ }).click();
    await ui.page.waitForURL(`${baseUrl}/app/marketplace/my-packs`);
    await ui.page.getByRole("link", { name: "Browse Marketplace" }).waitFor();

    await ui.page.goto(`${baseUrl}/marketplace`);
    await ui.page.getByTestId("pack-card").filter({ hasText: "Urban Trip Flows" }).click();
    await ui.page.waitForURL(/\/marketplace\/packs\/urban-trip-flows/);
    const pro = ui.page.getByTestId("tier-card").nth(1);
    await pro.getByRole("button", { name: "Subscribe & Get Access" }).click();

    // Stripe Checkout (the local fake's hosted page).
    await ui.page.getByRole("button", { name: "Pay" }).click();
    await ui.page.waitForURL(/\/app\/marketplace\/checkout\/success/);
    await ui.page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });

    const card = ui.page.getByTestId("my-pack").filter({ hasText: "Urban Trip Flows" });
    await card.waitFor();
    expect(await card.getByTestId("pack-status").innerText()).toMatch(/active/i);
    expect(await card.innerText()).toMatch(/0 of 100,000 rows/);
    await ui.page.screenshot({ path: "test-results/my-packs.png", fullPage: true });

    // The webhook's follow-up ran as a workflow: the welcome email (printed in dev) went out.
    await expect
      .poll(() => readFileSync(serverLogPath, "utf8"), { timeout: 20_000 })
      .toContain("to jonas@fjordcapital.example: Welcome to Urban Trip Flows");
  });
});
