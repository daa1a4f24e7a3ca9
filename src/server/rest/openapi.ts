import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "../routers/_app";

export const REST_BASE_PATH = "/v1";

export function openApiDocument(origin: string) {
  return generateOpenApiDocument(appRouter, {
    title: "Pack Market API",
    description:
      "Browse data packs, manage subscriptions and read rows. Errors are always " +
      '`{ "error": { "code", "message" } }` with codes unauthorized (401), not_found (404), ' +
      "invalid_request (400), conflict (409), quota_exceeded (429) and internal_error (500).",
    version: "1.0.0",
    baseUrl: `${origin}${REST_BASE_PATH}`,
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session" },
    },
  });
}
