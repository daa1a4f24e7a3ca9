import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

describe("buying a pack", () => {
  it("picks a tier, pays on Stripe Checkout and sees the pack in My Packs", async () => {
    // Jonas's org (Fjord Capital) has no subscriptions yet.
    await page.goto(`${baseUrl}/auth/signin?callbackUrl=/app/marketplace/my-packs`);
    await page.getByRole("button", { name: /Jonas/ }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/my-packs`);
    await page.getByRole("link", { name: "Browse Marketplace" }).waitFor();

    await page.goto(`${baseUrl}/marketplace`);
    await page.getByTestId("pack-card").filter({ hasText: "Urban Trip Flows" }).click();
    await page.waitForURL(/\/marketplace\/packs\/urban-trip-flows/);
    const pro = page.getByTestId("tier-card").nth(1);
    await pro.getByRole("button", { name: "Subscribe & Get Access" }).click();

    // Stripe Checkout (the local fake's hosted page).
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(/\/app\/marketplace\/checkout\/success/);
    await page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });

    const card = page.getByTestId("my-pack").filter({ hasText: "Urban Trip Flows" });
    await card.waitFor();
    expect(await card.getByTestId("pack-status").innerText()).toMatch(/active/i);
    expect(await card.innerText()).toMatch(/0 of 100,000 rows/);
    await page.screenshot({ path: "test-results/my-packs.png", fullPage: true });
  });
});
