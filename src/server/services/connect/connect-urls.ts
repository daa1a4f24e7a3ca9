// Where Stripe sends a seller back from onboarding. Each carries the org, so a user who switched
// orgs in another tab still lands on the org they onboarded.
export const PAYOUTS_PATH = "/app/marketplace/payouts";
export const CONNECT_CALLBACK_PATH = `${PAYOUTS_PATH}/connect/callback`;
export const CONNECT_REFRESH_PATH = `${PAYOUTS_PATH}/connect/refresh`;

export function connectReturnUrls(appUrl: string, orgId: string) {
  const org = `?org=${encodeURIComponent(orgId)}`;
  return { returnUrl: `${appUrl}${CONNECT_CALLBACK_PATH}${org}`, refreshUrl: `${appUrl}${CONNECT_REFRESH_PATH}${org}` };
}
