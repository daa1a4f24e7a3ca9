// Who may do what in an org, shared by the server's check and the pages that disable what a role
// cannot do: members read; admins and owners manage billing (and keys, opt-in and payouts).
// An allow-list, so a role added later can manage nothing until it is listed here.
export const MANAGER_ROLES = ["owner", "admin"] as const;

export function canManageOrg(role: string): boolean {
  return (MANAGER_ROLES as readonly string[]).includes(role);
}
