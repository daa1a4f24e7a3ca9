export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvironmentOrExit } = await import("./instrumentation-node");
  checkEnvironmentOrExit();
}
