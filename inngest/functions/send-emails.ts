// The second half of every email workflow: one step per email, so a retry never re-sends one that
// went out. The first half, planning them, is a step of its own in each function.
import { sendEmail, type Email } from "~/server/email/send-email";

type StepRunner = { run: (id: string, fn: () => Promise<unknown>) => Promise<unknown> };

export async function sendEachEmail(step: StepRunner, emails: Email[]): Promise<number> {
  for (const [i, email] of emails.entries()) {
    await step.run(`send-${i}`, () => sendEmail(email));
  }
  return emails.length;
}
