// Outgoing email: SMTP (EMAIL_SERVER) in production, printed to the console in dev and tests,
// like the sign-in links.
import nodemailer from "nodemailer";
import { env } from "~/env";

export type Email = { to: string; subject: string; text: string };

export async function sendEmail(email: Email): Promise<{ delivered: "smtp" | "console" }> {
  const e = env();
  if (!e.EMAIL_SERVER) {
    console.log(`\n[email] to ${email.to}: ${email.subject}\n${email.text}\n`);
    return { delivered: "console" };
  }
  const transport = nodemailer.createTransport(e.EMAIL_SERVER);
  await transport.sendMail({ from: e.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text });
  return { delivered: "smtp" };
}
