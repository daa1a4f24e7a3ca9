// Whether the user may manage the org the app acts for (billing; later keys, opt-in, payouts), so a
// page disables what their role cannot do and says why, instead of failing after a click. Until the
// org is known nothing is disabled: the server decides either way.
import { useQuery } from "@tanstack/react-query";
import { canManageOrg } from "~/lib/org-roles";
import { useTRPC } from "~/utils/trpc";

export function useOrgManagement({ enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const active = useQuery({ ...trpc.org.active.queryOptions(), enabled });
  const org = active.data;
  return { orgName: org?.name ?? null, canManage: org ? canManageOrg(org.role) : true };
}
