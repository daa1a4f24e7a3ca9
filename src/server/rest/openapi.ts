import { generateOpenApiDocument } from "trpc-to-openapi";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { appRouter } from "../routers/_app";

export const REST_BASE_PATH = "/v1";

type Doc = ReturnType<typeof generateOpenApiDocument>;

const STATUS_TO_CODE = new Map<number, ErrorCode>(
  Object.entries(ERROR_CODES).map(([code, { status }]) => [status, code as ErrorCode]),
);

function errorSchema(code: ErrorCode, status: number) {
  return {
    type: "object",
    title: `${code} (${status})`,
    properties: {
      error: {
        type: "object",
        properties: {
          code: { type: "string", enum: [code] },
          message: { type: "string" },
          issues: {
            type: "array",
            description: "With invalid_request: each field that was wrong",
            items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
          },
        },
        required: ["code", "message"],
      },
    },
    required: ["error"],
  };
}

// trpc-to-openapi documents its own error shape; ours is { error: { code, message } } (DESIGN.md §6),
// and "forbidden" never happens (another org's data is not_found).
function documentOurErrors(doc: Doc): Doc {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(schemas)) {
    if (!key.startsWith("error.")) continue;
    const status = Number(/\((\d{3})\)/.exec(String((schemas[key] as { title?: string }).title))?.[1]);
    const code = STATUS_TO_CODE.get(status);
    if (code) schemas[key] = errorSchema(code, status);
    else delete schemas[key];
  }
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses;
      if (!responses) continue;
      for (const status of Object.keys(responses)) {
        if (status !== "default" && Number(status) >= 400 && !STATUS_TO_CODE.has(Number(status))) delete responses[status];
      }
    }
  }
  return doc;
}

export function openApiDocument(origin: string) {
  return documentOurErrors(
    generateOpenApiDocument(appRouter, {
      title: "Pack Market API",
      description:
        "Browse data packs, manage subscriptions and read rows. Errors are always " +
        '`{ "error": { "code", "message" } }` with codes unauthorized (401), not_found (404), ' +
        "invalid_request (400), conflict (409), quota_exceeded (429) and internal_error (500). " +
        "Org-scoped routes act for the org named by the `X-PM-Org` header (an org id you belong to), " +
        "else for your first org; an org you do not belong to is not_found.",
      version: "1.0.0",
      baseUrl: `${origin}${REST_BASE_PATH}`,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session" },
      },
    }),
  );
}
