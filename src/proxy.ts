// The earliest layer Next gives us. A path that is not valid percent-encoding never reaches a route:
// Next answers it with its own HTML 400 page. Under the API (/v1, /api) it is our JSON
// invalid_request instead; anywhere else it names no page, so it is the 404 page.
import { NextResponse, type NextRequest } from "next/server";
import { httpStatus, restErrorBody } from "~/server/errors";

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const API_PATH = /^\/(v1|api)(\/|$)/;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (decodes(pathname)) return NextResponse.next();
  if (API_PATH.test(pathname)) {
    const body = restErrorBody({ code: "invalid_request", message: "The path is not valid percent-encoding." });
    return NextResponse.json(body, { status: httpStatus("invalid_request") });
  }
  return NextResponse.rewrite(new URL("/404", request.url));
}

// Only a path with a `%` can fail to decode, so only those reach the proxy: every other request
// (pages, the API, assets) skips it and its cost. Next tests the matcher against the raw path.
// Unknown /api paths need no proxy: the catch-all route src/pages/api/[...path].ts answers them.
export const config = {
  matcher: ["/(.*%.*)"],
};
