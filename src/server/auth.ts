// Sign-in: email links (SMTP in production, printed to the console in dev) and, in dev only,
// one-click demo accounts (see demoLoginEnabled). Sessions are JWTs so both providers share one
// session strategy.
import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { z } from "zod";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import { authSecret, demoLoginEnabled, env } from "~/env";
import { getDb, type Db } from "./db";
import { createPersonalOrg } from "./services/org/create-personal-org";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
  }
}

const ZDemoCredentials = z.object({ email: z.string().email() });
const DEMO_EMAILS = new Set(DEMO_ACCOUNTS.map((a) => a.email.toLowerCase()));

// Demo sign-in asks for no password, so it signs in the demo accounts and no one else: never any
// user who happens to exist in the database.
export async function authorizeDemoUser(db: Db, credentials: unknown) {
  const parsed = ZDemoCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  if (!DEMO_EMAILS.has(email)) return null;
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
}

export function authOptions(): NextAuthOptions {
  const db = getDb();
  const e = env();
  return {
    // The adapter is typed against @prisma/client's default output; ours is generated elsewhere.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    adapter: PrismaAdapter(db as any),
    secret: authSecret(),
    session: { strategy: "jwt" },
    pages: { signIn: "/auth/signin", verifyRequest: "/auth/verify-request", error: "/auth/signin" },
    providers: [
      EmailProvider({
        server: e.EMAIL_SERVER ?? { jsonTransport: true },
        from: e.EMAIL_FROM ?? "Pack Market <no-reply@packmarket.local>",
        ...(e.EMAIL_SERVER
          ? {}
          : {
              async sendVerificationRequest({ identifier, url }) {
                console.log(`\n[auth] Sign-in link for ${identifier}:\n  ${url}\n`);
              },
            }),
      }),
      ...(demoLoginEnabled(e)
        ? [
            CredentialsProvider({
              id: "demo",
              name: "Demo account",
              credentials: { email: { label: "Email", type: "email" } },
              authorize: (credentials) => authorizeDemoUser(db, credentials),
            }),
          ]
        : []),
    ],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub, email: token.email ?? session.user.email };
        return session;
      },
    },
    events: {
      // Everyone belongs to at least one org: a first email sign-in gets a personal one.
      async createUser({ user }) {
        await createPersonalOrg(db, { userId: user.id, email: user.email ?? "", name: user.name ?? null });
      },
    },
  };
}

// next-auth's session cookie (chunked .0, .1… when large; __Secure- on https).
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function getSession(req: IncomingMessage & { cookies: Partial<Record<string, string>> }, res: ServerResponse) {
  // No session cookie, no session: anonymous and API-key requests skip next-auth's whole handler,
  // a good part of a cached catalogue read.
  if (!Object.keys(req.cookies ?? {}).some((name) => SESSION_COOKIE.test(name))) return null;
  return (await getServerSession(req, res, authOptions())) as Session | null;
}
