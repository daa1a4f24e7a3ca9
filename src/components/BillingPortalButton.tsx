// Stripe's customer portal (change card, switch tier, cancel): one request, then the browser leaves.
// Only the org's admins and owners may open it: for anyone else the button is disabled, and points
// at the element that says why.
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "~/utils/trpc";
import { primaryButton, secondaryButton } from "./button-styles";
import { Spinner } from "./Spinner";

export function useBillingPortal(returnPath = "/app/marketplace/my-packs") {
  const trpc = useTRPC();
  const portal = useMutation(trpc.subscription.billingPortal.mutationOptions());
  // Pending state reaches the buttons a render later; the ref makes a double click one request.
  const inFlight = useRef(false);
  const [source, setSource] = useState<string | null>(null);

  function open(from: string) {
    if (inFlight.current) return;
    inFlight.current = true;
    setSource(from);
    portal.mutate(
      { returnPath },
      {
        onSuccess: ({ url }) => window.location.assign(url),
        onError: () => {
          inFlight.current = false;
          setSource(null);
        },
      },
    );
  }
  return { open, source, busy: source !== null, error: portal.error };
}

export type BillingPortal = ReturnType<typeof useBillingPortal>;

export function BillingPortalButton({
  portal,
  id,
  label,
  variant = "secondary",
  notAllowedReasonId,
}: {
  portal: BillingPortal;
  // Which button asked, so only that one shows the spinner.
  id: string;
  label: string;
  variant?: "primary" | "secondary";
  // Set when the user's role cannot manage billing: the id of the text that explains it.
  notAllowedReasonId?: string;
}) {
  const mine = portal.source === id;
  return (
    <button
      type="button"
      onClick={() => portal.open(id)}
      disabled={portal.busy || notAllowedReasonId !== undefined}
      aria-describedby={notAllowedReasonId}
      aria-busy={mine || undefined}
      className={`${variant === "primary" ? primaryButton : secondaryButton} ${mine ? "disabled:cursor-wait" : ""}`}
    >
      {mine && <Spinner />}
      {mine ? "Opening billing…" : label}
    </button>
  );
}
