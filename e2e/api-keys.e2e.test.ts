import { describe, expect, inject, it } from "vitest";
import { chromiumPagePerFile } from "./browser";
import { signInByEmail } from "./sign-in";

const baseUrl = inject("baseUrl");
const ui = chromiumPagePerFile();



describe("API keys", () => {
  it("lets an owner create a key, see and copy it once, and revoke it after confirming", async () => {
    // Sara owns Orbit Analytics, a buyer org. The clipboard is granted so the test can read it back.
    const context = await ui.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/auth/signin?callbackUrl=/app`);
    await page.getByRole("button", { name: /Sara/ }).click();
    await page.waitForURL(`${baseUrl}/app`);
    await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "API keys" }).click();
    await page.waitForURL(`${baseUrl}/app/marketplace/api-keys`);
    await page.getByRole("heading", { name: "No API keys yet" }).waitFor();

    await page.getByRole("button", { name: "Create key" }).first().click();
    const createDialog = page.getByRole("dialog", { name: "Create an API key" });
    await createDialog.getByRole("button", { name: "Create key" }).click();
    expect(await createDialog.getByTestId("label-problem").innerText()).toBe("Give the key a label.");
    await createDialog.getByLabel("Label").fill("Nightly warehouse sync");
    await createDialog.getByRole("button", { name: "Create key" }).click();

    const shown = page.getByRole("dialog", { name: "Save your new API key" });
    await shown.waitFor();
    expect(await shown.innerText()).toContain("This is the only time the full key is shown");
    const key = await shown.getByTestId("new-api-key").inputValue();
    expect(key).toMatch(/^pm_live_[0-9A-Za-z]{43}$/);
    await shown.getByRole("button", { name: "Copy" }).click();
    await shown.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.screenshot({ path: "test-results/api-key-created.png", fullPage: true });
    await shown.getByRole("button", { name: "I've saved my key" }).click();
    await shown.waitFor({ state: "hidden" });

    // The list shows the key's prefix only, never the key.
    const row = page.getByTestId("api-key-row").filter({ hasText: "Nightly warehouse sync" });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(`${key.slice(0, 12)}…`);
    expect(rowText).toContain("Sara Kim");
    expect(rowText).toContain("Never");
    expect(await row.getByTestId("api-key-scope").innerText()).toBe("Read");
    expect(await page.content()).not.toContain(key);
    await page.screenshot({ path: "test-results/api-keys.png", fullPage: true });

    // My Packs carries the same list.
    await page.goto(`${baseUrl}/app/marketplace/my-packs`);
    await page.getByTestId("api-key-row").filter({ hasText: "Nightly warehouse sync" }).waitFor();
    await page.screenshot({ path: "test-results/my-packs-api-keys.png", fullPage: true });
    await page.goto(`${baseUrl}/app/marketplace/api-keys`);

    // A seller's key: the scope is chosen when the key is created, and the list says which.
    await page.getByRole("button", { name: "Create key" }).first().click();
    await createDialog.getByLabel("Label").fill("Session sender");
    await createDialog.getByRole("radio", { name: /Ingest/ }).check();
    await createDialog.getByRole("button", { name: "Create key" }).click();
    await shown.getByRole("button", { name: "I've saved my key" }).click();
    const ingestRow = page.getByTestId("api-key-row").filter({ hasText: "Session sender" });
    expect(await ingestRow.getByTestId("api-key-scope").innerText()).toBe("Ingest");
    await page.getByRole("button", { name: "Revoke Session sender" }).click();
    await page.getByRole("dialog", { name: "Revoke “Session sender”?" }).getByRole("button", { name: "Revoke key" }).click();
    await ingestRow.waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Revoke Nightly warehouse sync" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke “Nightly warehouse sync”?" });
    expect(await confirm.innerText()).toContain(`${key.slice(0, 12)}…`);
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await confirm.waitFor({ state: "hidden" });
    await page.getByTestId("api-key-revoked").waitFor();
    expect(await page.getByTestId("api-key-row").count()).toBe(0);
    await page.getByRole("heading", { name: "No API keys yet" }).waitFor();
    await context.close();
  });

  it("shows a member the keys with creating and revoking disabled, and says why", async () => {
    // Jonas owns Fjord Capital and creates a key; Ingrid is a member there.
    await ui.page.goto(`${baseUrl}/auth/signin?callbackUrl=/app/marketplace/api-keys`);
    await ui.page.getByRole("button", { name: /Jonas/ }).click();
    await ui.page.waitForURL(`${baseUrl}/app/marketplace/api-keys`);
    await ui.page.getByRole("button", { name: "Create key" }).first().click();
    await ui.page.getByLabel("Label").fill("Fleet dashboard");
    await ui.page.getByRole("dialog", { name: "Create an API key" }).getByRole("button", { name: "Create key" }).click();
    await ui.page.getByRole("button", { name: "I've saved my key" }).click();
    await ui.page.getByTestId("api-key-row").filter({ hasText: "Fleet dashboard" }).waitFor();

    const context = await ui.browser.newContext();
    const ingrid = await context.newPage();
    await signInByEmail(ingrid, "ingrid@fjordcapital.example", "/app/marketplace/api-keys");
    await ingrid.getByTestId("api-key-row").filter({ hasText: "Fleet dashboard" }).waitFor();
    const note = ingrid.getByTestId("api-keys-role-note");
    await note.waitFor();
    expect(await note.innerText()).toContain("Only admins and owners of Fjord Capital can create or revoke keys");
    expect(await ingrid.getByRole("button", { name: "Create key" }).isDisabled()).toBe(true);
    expect(await ingrid.getByRole("button", { name: "Revoke Fleet dashboard" }).isDisabled()).toBe(true);
    await ingrid.screenshot({ path: "test-results/api-keys-member.png", fullPage: true });
    await context.close();
  });

  it("shows a skeleton while the keys load, and an error with a retry when they cannot be loaded", async () => {
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/auth/signin?callbackUrl=/app`);
    await page.getByRole("button", { name: /Jonas/ }).click();
    await page.waitForURL(`${baseUrl}/app`);

    // The first request for the list is held (the skeleton shows), then it and the retry fail.
    let mode: "fail" | "pass" = "fail";
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/trpc\/[^?]*apiKey\.list/, async (route) => {
      await held;
      if (mode === "fail") await route.abort();
      else await route.continue();
    });
    await page.goto(`${baseUrl}/app/marketplace/api-keys`);
    await page.getByText("Loading API keys").waitFor({ state: "attached" });
    release();
    const error = page.getByRole("alert").filter({ hasText: "We couldn't load your API keys" });
    await error.waitFor({ timeout: 20_000 });

    mode = "pass";
    await error.getByRole("button", { name: "Try again" }).click();
    // The key Jonas created in the test above.
    await page.getByTestId("api-key-row").filter({ hasText: "Fleet dashboard" }).waitFor();
    await context.close();
  });
});
