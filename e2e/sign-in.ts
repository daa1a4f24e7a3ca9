// Signing in by the emailed link, as a new user would: the link is printed in the server's log.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";

export function signInLinksFor(email: string): string[] {
  const pattern = new RegExp(`Sign-in link for ${email.replace(/[.]/g, "\\.")}:\\s*(\\S+)`, "g");
  return [...readFileSync(inject("serverLogPath"), "utf8").matchAll(pattern)].map((m) => m[1]!);
}

// Another test file may have signed the same user in before: waits for a link newer than those.
export async function signInByEmail(page: Page, email: string, callbackUrl: string) {
  const baseUrl = inject("baseUrl");
  const earlier = signInLinksFor(email).length;
  await page.goto(`${baseUrl}/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue with email" }).click();
  await page.waitForURL(/verify-request/);
  await expect.poll(() => signInLinksFor(email).length, { timeout: 10_000 }).toBeGreaterThan(earlier);
  await page.goto(signInLinksFor(email).at(-1)!);
  await page.waitForURL(`${baseUrl}${callbackUrl}`);
}
