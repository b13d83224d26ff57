// Types for the dashboard's tRPC client (type-only: nothing server-side is bundled).
export type { AppRouter } from "./root";
