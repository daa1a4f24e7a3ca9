import { describe, expect, inject, it } from "vitest";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const ui = chromiumPagePerFile();



describe("roles in an org", () => {
  it("shows a member subscribing and billing disabled, with the reason, where an owner may act", async () => {
    // Maya owns Northwind Mobility (her first org): she subscribes it to a pack.
    await ui.page.goto(`${baseUrl}/auth/signin?callbackUrl=/marketplace/packs/daily-activity-benchmarks`);
    await ui.page.getByRole("button", { name: /Maya/ }).click();
    await ui.page.waitForURL(/\/marketplace\/packs\/daily-activity-benchmarks/);
    await ui.page.getByTestId("tier-card").first().getByRole("button", { name: "Subscribe & Get Access" }).click();
    await ui.page.getByRole("button", { name: "Pay" }).click();
    await ui.page.waitForURL(`${baseUrl}/app/marketplace/my-packs`, { timeout: 30_000 });
    await ui.page.getByTestId("my-pack").filter({ hasText: "Daily Activity" }).waitFor();
    expect(await ui.page.getByRole("button", { name: "Manage billing" }).isEnabled()).toBe(true);
    expect(await ui.page.getByTestId("billing-role-note").count()).toBe(0);

    // Daniel is a member of Northwind Mobility (not a demo account: he signs in by email link).
    const context = await ui.browser.newContext();
    const daniel = await context.newPage();
    await signInByEmail(daniel, "daniel@northwind.example", "/marketplace/packs/urban-trip-flows");
    const note = daniel.getByTestId("subscribe-role-note");
    await note.waitFor();
    expect(await note.innerText()).toContain("Only admins and owners of Northwind Mobility can subscribe");
    const subscribe = daniel.getByRole("button", { name: "Subscribe & Get Access" });
    expect(await subscribe.count()).toBe(3);
    for (const button of await subscribe.all()) expect(await button.isDisabled()).toBe(true);

    await daniel.goto(`${baseUrl}/app/marketplace/my-packs`);
    await daniel.getByTestId("my-pack").filter({ hasText: "Daily Activity" }).waitFor();
    const billingNote = daniel.getByTestId("billing-role-note");
    await billingNote.waitFor();
    expect(await billingNote.innerText()).toContain("Only admins and owners of Northwind Mobility can manage billing");
    expect(await daniel.getByRole("button", { name: "Manage billing" }).isDisabled()).toBe(true);
    await daniel.screenshot({ path: "test-results/my-packs-member.png", fullPage: true });
    await context.close();
  });
});
