import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Browser tests run their own `next dev` beside a developer's, in a separate folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // No ETags: Next hashes every response body in JavaScript to make one, which was ~40% of the
  // server's time serving the cached pack page (35 KB), and no client here sends If-None-Match.
  generateEtags: false,
  // pdfkit (statement PDFs) requires its standard fonts relative to its own files: it must stay
  // outside the server bundle.
  serverExternalPackages: ["pdfkit"],
  devIndicators: false,
  // Statically rendered pages (the public pack page) are kept in each process's memory for as long as
  // the catalogue they show is unchanged (src/server/cache/page-cache-handler.mjs): Next's own
  // in-memory copy is off, it would not know about catalogue changes.
  cacheHandler: fileURLToPath(new URL("./src/server/cache/page-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  async rewrites() {
    // The REST API lives at /v1/... (the seed's paths) and is served by one API route.
    return [{ source: "/v1/:path*", destination: "/api/v1/:path*" }];
  },
  async redirects() {
    return [{ source: "/", destination: "/marketplace", permanent: false }];
  },
};

export default nextConfig;
