import "vue-router";
import type { Role } from "@/gql/graphql";

declare module "vue-router" {
  interface RouteMeta {
    /** Page title (browser tab and breadcrumb). */
    title?: string;
    /** Breadcrumb trail above the title, e.g. ["机构信息"]. */
    trail?: string[];
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable while a password change is still required. */
    duringPasswordChange?: boolean;
    /** Any of these roles may open the page; absent = any signed-in account. */
    roles?: Role[];
    /** The menu entry to highlight for a page that has none of its own (a review opened from its list). */
    activeMenu?: string;
  }
}
