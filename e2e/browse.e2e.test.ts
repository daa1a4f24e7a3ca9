import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { chromiumPagePerFile } from "./browser";

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
const ui = chromiumPagePerFile();

describe("a visitor and a signed-in user", () => {
  it("browses the marketplace, searches, filters and opens a pack", async () => {
    await ui.page.goto(`${baseUrl}/marketplace`);
    const cards = ui.page.getByTestId("pack-card");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(6);

    await ui.page.getByLabel("Search packs").fill("charging");
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 1);
    expect(ui.page.url()).toContain("q=charging");
    await ui.page.getByLabel("Search packs").fill("");
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 6);

    await ui.page.getByRole("button", { name: "Health", exact: true }).click();
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-testid="pack-card"]').length === 1);

    await cards.first().click();
    await ui.page.waitForURL(/\/marketplace\/packs\//);
    await ui.page.getByRole("heading", { name: "Row schema" }).waitFor();
    expect(await ui.page.getByTestId("tier-card").count()).toBe(3);
    expect(await ui.page.getByTestId("tier-card").first().innerText()).toMatch(/\$[\d,]+/);
  });

  it("answers an unknown pack with a 404 page", async () => {
    const res = await ui.page.goto(`${baseUrl}/marketplace/packs/no-such-pack`);
    expect(res?.status()).toBe(404);
  });

  it("signs in with a demo account and sees the app shell with its org switcher", async () => {
    await ui.page.goto(`${baseUrl}/auth/signin?callbackUrl=/app`);
    await ui.page.getByRole("button", { name: /Maya/ }).click();
    await ui.page.waitForURL(`${baseUrl}/app`);
    await ui.page.getByText("Northwind Mobility").first().waitFor();
    await ui.page.getByText("Buy", { exact: true }).first().waitFor();
    await ui.page.getByText("Sell", { exact: true }).first().waitFor();
    await ui.page.screenshot({ path: "test-results/app-shell.png", fullPage: true });

    // Maya is also an admin of Orbit Analytics: switching makes the app act for that org.
    await ui.page.getByRole("button", { name: /Switch organization/ }).click();
    await ui.page.getByRole("menuitemradio", { name: /Orbit Analytics/ }).click();
    await ui.page.getByRole("heading", { name: "Orbit Analytics" }).waitFor();
    const cookies = await ui.page.context().cookies();
    expect(cookies.find((c) => c.name === "pm_org")?.value).toBeTruthy();
  });

  it("signs in a new user by email link and gives them an org of their own", async () => {
    const context = await ui.browser.newContext();
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
