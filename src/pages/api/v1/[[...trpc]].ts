import { restHandler } from "~/server/rest/handler";

// Optional catch-all: /v1 itself is answered too (JSON not_found, not Next's HTML 404 page).
// restHandler reads the raw body itself, within its size and depth limits.
export const config = { api: { bodyParser: false } };

export default restHandler;
