// JSON from outside, checked before anything parses it. JSON.parse, superjson and zod all recurse:
// a few thousand levels of [[[...]]] overflow the stack, which used to be a 500. No input of ours
// nests anywhere near the limit.
import type { IncomingMessage } from "node:http";
import { AppError } from "../errors";
import { BodyTooLargeError, readRawBody } from "./raw-body";

export const MAX_JSON_DEPTH = 32;
export const MAX_BODY_BYTES = 1_000_000;

// How deep the text nests arrays and objects, counted on the text itself; brackets inside strings
// do not count. Malformed text is counted as far as it goes: the parser refuses it afterwards.
export function jsonDepthExceeds(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

// `what` names the text in the message: "The body", "The input".
export function refuseDeepJson(text: string, what: string): void {
  if (jsonDepthExceeds(text)) {
    throw new AppError("invalid_request", `${what} is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
}

// The body as text, within the size limit and the depth limit; "" when there is none.
export async function readJsonBodyText(req: IncomingMessage): Promise<string> {
  let raw: Buffer;
  try {
    raw = await readRawBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError("invalid_request", `The body is over ${MAX_BODY_BYTES} bytes.`);
    throw error;
  }
  const text = raw.toString("utf8");
  refuseDeepJson(text, "The body");
  return text;
}
