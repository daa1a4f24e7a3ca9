// The Next API route of a Stripe webhook endpoint: POST only, the raw body (the signature is over
// Stripe's exact bytes), verified with that endpoint's own signing secret. The platform endpoint
// and the Connect endpoint differ only in the secret.
import type { NextApiRequest, NextApiResponse } from "next";
import { httpStatus, restErrorBody } from "~/server/errors";
import { BodyTooLargeError, readRawBody } from "~/server/http/raw-body";
import { handleStripeWebhook } from "./webhook";

export function stripeWebhookRoute(secretOf: () => string) {
  return async function stripeWebhook(req: NextApiRequest, res: NextApiResponse) {
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      return res.status(httpStatus("method_not_allowed")).json(restErrorBody({ code: "method_not_allowed", message: "Use POST." }));
    }
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return res.status(httpStatus("invalid_request")).json(restErrorBody({ code: "invalid_request", message: "Body too large." }));
      throw error;
    }
    const signature = req.headers["stripe-signature"];
    const result = await handleStripeWebhook({
      rawBody,
      signature: Array.isArray(signature) ? signature[0] : signature,
      secret: secretOf(),
    });
    res.status(result.status).json(result.body);
  };
}
