import type { NextApiRequest, NextApiResponse } from "next";
import { stripeConfig } from "~/env";
import { httpStatus, restErrorBody } from "~/server/errors";
import { BodyTooLargeError, readRawBody } from "~/server/http/raw-body";
import { handleStripeWebhook } from "~/server/stripe/webhook";

// The signature is over the exact bytes Stripe sent: Next must not parse the body.
export const config = { api: { bodyParser: false } };

export default async function stripeWebhook(req: NextApiRequest, res: NextApiResponse) {
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
    secret: stripeConfig().webhookSecret,
  });
  res.status(result.status).json(result.body);
}
