// `npm run operator -- grant <email>` / `-- revoke <email>` / `-- list`: platform operators (Pack
// Market staff who run payouts and read reconciliation at /admin/payouts). A role outside every org,
// given only from the command line. The user must have signed in once (so the account exists).
//
// Production: run with the app's DATABASE_URL. Dev: with no DATABASE_URL it uses the embedded
// database of a running `npm run dev`.
import { createDb } from "../src/server/db";
import { applyDevDefaults } from "./lib/dev-cli";

async function main() {
  applyDevDefaults();
  const [command, email] = process.argv.slice(2);
  const db = createDb(process.env.DATABASE_URL!);
  try {
    if (command === "list" || !command) {
      const operators = await db.user.findMany({ where: { platformOperator: true }, select: { email: true }, orderBy: { email: "asc" } });
      console.log(operators.length === 0 ? "No platform operators." : operators.map((o) => o.email).join("\n"));
      return;
    }
    if ((command !== "grant" && command !== "revoke") || !email) throw new Error("Usage: npm run operator -- grant <email> | revoke <email> | list");
    const { count } = await db.user.updateMany({ where: { email: { equals: email.trim(), mode: "insensitive" } }, data: { platformOperator: command === "grant" } });
    if (count === 0) throw new Error(`No user with the email ${email}: they must sign in once first.`);
    console.log(command === "grant" ? `${email} is now a platform operator (/admin/payouts).` : `${email} is no longer a platform operator.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
