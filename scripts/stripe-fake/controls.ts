// /_fake/...: the programmatic controls over HTTP (JSON), for scripts, browser tests and the
// dashboard's buttons (form posts with ?redirect=...).
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeStripeError } from "./errors";
import { asBool, parseControlBody, redirect, sendJson } from "./http-util";
import type { PageHandler } from "./server";
import type { StripeFakeActions } from "./types";

type Control = { method: string; pattern: RegExp; run: (ids: string[], body: Record<string, unknown>) => Promise<unknown> };

const num = (v: unknown) => (v === undefined || v === "" || v === null ? undefined : Number(v));

export function controlsHandler(
  actions: StripeFakeActions,
  deliveryStatus: () => unknown,
  eventsWithDeliveries: () => unknown,
): PageHandler {
  const controls: Control[] = [
    { method: "POST", pattern: /^\/_fake\/checkout\/([^/]+)\/pay$/, run: async ([id]) => actions.pay(id!) },
    { method: "POST", pattern: /^\/_fake\/checkout\/([^/]+)\/cancel$/, run: async ([id]) => actions.cancelCheckout(id!) },
    {
      method: "POST",
      pattern: /^\/_fake\/subscriptions\/([^/]+)\/advance$/,
      run: async ([id], b) => actions.advanceSubscription(id!, { fail: asBool(b.fail) }),
    },
    { method: "POST", pattern: /^\/_fake\/invoices\/([^/]+)\/retry$/, run: async ([id]) => actions.retryInvoice(id!) },
    {
      method: "POST",
      pattern: /^\/_fake\/charges\/([^/]+)\/refund$/,
      run: async ([id], b) => actions.refundCharge(id!, num(b.amount)),
    },
    { method: "POST", pattern: /^\/_fake\/accounts\/([^/]+)\/complete-onboarding$/, run: async ([id]) => actions.completeOnboarding(id!) },
    { method: "POST", pattern: /^\/_fake\/accounts\/([^/]+)\/expire-links$/, run: async ([id]) => actions.expireAccountLinks(id!) },
    {
      method: "POST",
      pattern: /^\/_fake\/transfers\/([^/]+)\/reverse$/,
      run: async ([id], b) => ({ id: await actions.reverseTransfer(id!, num(b.amount)) }),
    },
    { method: "POST", pattern: /^\/_fake\/idempotency\/forget$/, run: async () => actions.forgetIdempotencyKeys() },
    {
      method: "POST",
      pattern: /^\/_fake\/delivery$/,
      run: async (_ids, b) => {
        const flag = (k: string) => (b[k] === undefined ? undefined : asBool(b[k]));
        actions.setDelivery({
          duplicates: flag("duplicates"),
          reorder: flag("reorder"),
          paused: flag("paused"),
          failNextPayment: flag("failNextPayment"),
          delayMs: num(b.delayMs),
        });
        return deliveryStatus();
      },
    },
    { method: "POST", pattern: /^\/_fake\/flush$/, run: async () => actions.flushDeliveries() },
    { method: "GET", pattern: /^\/_fake\/delivery$/, run: async () => deliveryStatus() },
    { method: "GET", pattern: /^\/_fake\/events$/, run: async () => eventsWithDeliveries() },
    { method: "POST", pattern: /^\/_fake\/events\/([^/]+)\/deliver$/, run: async ([id]) => actions.deliverEvent(id!) },
    { method: "POST", pattern: /^\/_fake\/reset$/, run: async () => actions.reset() },
  ];

  return async (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => {
    if (!url.pathname.startsWith("/_fake/")) return false;
    const back = url.searchParams.get("redirect");
    const done = (status: number, payload: unknown, message: string) => {
      // Only same-site paths, so that the dashboard's forms cannot be turned into an open redirect.
      if (back && back.startsWith("/") && !back.startsWith("//")) {
        redirect(res, `${back}${back.includes("?") ? "&" : "?"}flash=${encodeURIComponent(message)}`, 303);
      } else {
        sendJson(res, status, payload);
      }
    };
    for (const control of controls) {
      const m = control.pattern.exec(url.pathname);
      if (!m || req.method !== control.method) continue;
      try {
        const result = await control.run(m.slice(1).map(decodeURIComponent), parseControlBody(req, body));
        done(200, result ?? { ok: true }, `Done: ${url.pathname.replace("/_fake/", "")}`);
      } catch (error) {
        if (error instanceof FakeStripeError) done(error.status, error.toBody(), error.message);
        else {
          const message = error instanceof Error ? error.message : String(error);
          done(/^No such/.test(message) ? 404 : 400, { error: { type: "invalid_request_error", message } }, message);
        }
      }
      return true;
    }
    sendJson(res, 404, { error: { type: "invalid_request_error", message: `Unknown control: ${req.method} ${url.pathname}` } });
    return true;
  };
}
