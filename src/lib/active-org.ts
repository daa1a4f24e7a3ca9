// How a request names the org it acts for: the browser's org switcher sets the cookie, programs
// send the header. Shared by the client and the server, so it lives outside src/server.
export const ACTIVE_ORG_COOKIE = "pm_org";
export const ACTIVE_ORG_HEADER = "x-pm-org";
