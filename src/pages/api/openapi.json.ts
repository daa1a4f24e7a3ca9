import type { NextApiRequest, NextApiResponse } from "next";
import { openApiDocument } from "~/server/rest/openapi";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const proto = (req.headers["x-forwarded-proto"] as string | undefined) ?? "http";
  const origin = process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? `${proto}://${req.headers.host ?? "localhost:3000"}`;
  res.setHeader("Cache-Control", "public, max-age=60");
  res.status(200).json(openApiDocument(origin));
}
