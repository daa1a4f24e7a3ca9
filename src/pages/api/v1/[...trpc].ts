import { restHandler } from "~/server/rest/handler";

// trpc-to-openapi reads the raw body itself, so it can answer malformed JSON with invalid_request.
export const config = { api: { bodyParser: false } };

export default restHandler;
