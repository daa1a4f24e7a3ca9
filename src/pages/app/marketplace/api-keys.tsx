// API keys: the org's keys for the data API, on a page of their own (also a section of My Packs).
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import { ApiKeyManager } from "~/components/ApiKeyManager";
import { AppShell } from "~/components/AppShell";
import { authOptions } from "~/server/auth";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/api-keys")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

export default function ApiKeysPage() {
  return (
    <AppShell title="API keys">
      <ApiKeyManager headingLevel={1} />
    </AppShell>
  );
}
