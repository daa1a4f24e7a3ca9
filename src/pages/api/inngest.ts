// Inngest's endpoint for this app: PUT syncs the functions, POST runs a function's steps, GET
// describes the app. Outside the SDK's dev mode every call must carry a valid signature made with
// INNGEST_SIGNING_KEY; the SDK enforces it.
import { serve } from "inngest/next";
import { inngest } from "../../../inngest/client";
import { functions } from "../../../inngest/functions";

export const config = {
  // Calls carry the run's memoised step results in the body: allow more than Next's 1 MB default.
  api: { bodyParser: { sizeLimit: "10mb" } },
};

export default serve({ client: inngest, functions });
