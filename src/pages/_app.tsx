import type { AppProps } from "next/app";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";
import { makeTrpcClient, TRPCProvider } from "~/utils/trpc";
import "~/styles/globals.css";

export default function App({ Component, pageProps }: AppProps<{ session?: Session | null }>) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <SessionProvider session={pageProps.session}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <Component {...pageProps} />
          {/* One toaster for the app: saves and failures announce themselves here (aria-live). */}
          <Toaster position="bottom-right" richColors closeButton />
        </TRPCProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
