// Stripe-style API errors. Handlers throw them; the server turns them into
// `{ error: { type, code?, message, param? } }` with the status Stripe would use.
export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody() {
    const error: Record<string, unknown> = { type: this.type, message: this.message, ...this.extra };
    if (this.code) error.code = this.code;
    if (this.param) error.param = this.param;
    error.request_log_url = null;
    return { error };
  }
}

export const missingParam = (param: string) =>
  new FakeStripeError(400, "invalid_request_error", `Missing required param: ${param}.`, "parameter_missing", param);

export const invalidParam = (param: string, message: string, code = "parameter_invalid_empty") =>
  new FakeStripeError(400, "invalid_request_error", message, code, param);

export const invalidRequest = (message: string, code?: string, param?: string) =>
  new FakeStripeError(400, "invalid_request_error", message, code, param);

export const noSuch = (objectName: string, id: string, param = "id") =>
  new FakeStripeError(404, "invalid_request_error", `No such ${objectName}: '${id}'`, "resource_missing", param);

export const cardDeclined = (extra: Record<string, unknown> = {}) =>
  new FakeStripeError(402, "card_error", "Your card was declined.", "card_declined", undefined, {
    decline_code: "generic_decline",
    ...extra,
  });
