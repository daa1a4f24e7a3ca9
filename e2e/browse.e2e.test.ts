import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser";

const baseUrl = inject("baseUrl");
const serverLogPath = inject("serverLogPath");

async function signInLinkFor(email: string): Promise<string> {
  const pattern = new RegExp(`Sign-in link for ${email.replace(/[.]/g, "\\.")}:\\s*(\\S+)`);
  for (let i = 0; i < 100; i++) {
    const match = pattern.exec(readFileSync(serverLogPath, "utf8"));
    if (match?.[1]) return match[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in link for ${email} in ${serverLogPath}`);
}
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

describe("a visitor and a signed-in user", () => {
  it("browses the marketplace, searches, filters and opens a pack", async () => {
    await page.goto(`${baseUrl}/marketplace`);
    const cards = page.getByTestId("pack-card");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(6);

    await page.getByLabel("Search packs").fill("charging");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 1);
    expect(page.url()).toContain("q=charging");
    await page.getByLabel("Search packs").fill("");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 6);

    await page.getByRole("button", { name: "Health", exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 1);

    await cards.first().click();
    await page.waitForURL(/\/marketplace\/packs\//);
    await page.getByRole("heading", { name: "Row schema" }).waitFor();
    expect(await page.getByTestId("tier-card").count()).toBe(3);
    expect(await page.getByTestId("tier-card").first().innerText()).toMatch(/\$[\d,]+/);
  });

  it("answers an unknown pack with a 404 page", async () => {
    const res = await page.goto(`${baseUrl}/marketplace/packs/no-such-pack`);
    expect(res?.status()).toBe(404);
  });

  it("signs in with a demo account and sees the app shell with its org switcher", async () => {
    await page.goto(`${baseUrl}/auth/signin?callbackUrl=/app`);
    await page.getByRole("button", { name: /Maya/ }).click();
    await page.waitForURL(`${baseUrl}/app`);
    await page.getByText("Northwind Mobility").first().waitFor();
    await page.getByText("Buy", { exact: true }).first().waitFor();
    await page.getByText("Sell", { exact: true }).first().waitFor();
    await page.screenshot({ path: "test-results/app-shell.png", fullPage: true });
  });

  it("signs in a new user by email link and gives them an org of their own", async () => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(`${baseUrl}/auth/signin?callbackUrl=/app`);
    await fresh.getByLabel("Email address").fill("newbuyer@test.example");
    await fresh.getByRole("button", { name: /email|link|continue/i }).first().click();
    await fresh.waitForURL(/verify-request/);
    await fresh.goto(await signInLinkFor("newbuyer@test.example"));
    await fresh.waitForURL(`${baseUrl}/app`);
    await fresh.getByRole("heading", { name: /newbuyer's org/i }).waitFor();
    await context.close();
  });
});
