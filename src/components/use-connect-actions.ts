// The two ways out of the app to Stripe: an onboarding link ("Connect Stripe Account", "Continue
// onboarding") and the Express dashboard. One request, then the browser leaves; a double click is
// one request.
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "~/utils/trpc";

export type ConnectAction = "onboard" | "dashboard";

export function useConnectActions() {
  const trpc = useTRPC();
  const link = useMutation(trpc.connect.link.mutationOptions());
  const dashboard = useMutation(trpc.connect.dashboardLink.mutationOptions());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState<ConnectAction | null>(null);

  function go(action: ConnectAction) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(action);
    const done = {
      onSuccess: ({ url }: { url: string }) => window.location.assign(url),
      onError: () => {
        inFlight.current = false;
        setBusy(null);
      },
    };
    if (action === "onboard") link.mutate(undefined, done);
    else dashboard.mutate(undefined, done);
  }
  return { go, busy, error: link.error ?? dashboard.error };
}
