// Pieces of the OpenAPI document that the generated part and the hand-written routes (rows,
// snapshot download) share: our error body (DESIGN.md §6) and the API key security scheme.
import { ERROR_CODES, type ErrorCode } from "../errors";

export const API_KEY_SCHEME = "apiKey";

export const API_KEY_SECURITY_SCHEME = {
  type: "http",
  scheme: "bearer",
  description: "An API key of your org (My Packs → API keys): Authorization: Bearer pm_live_…",
};

export function errorSchema(code: ErrorCode) {
  return {
    type: "object",
    title: `${code} (${ERROR_CODES[code].status})`,
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

