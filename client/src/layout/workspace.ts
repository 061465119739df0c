import type { MeFieldsFragment, Role } from "@/gql/graphql";
import { RouteName, type RouteNameValue } from "@/router/names";

/**
 * An institution that became an assessment institution (manual 2.2.4) holds both roles on one account. It works in
 * one console at a time — the menu of the one it is in — and switches in the header. The console in use follows
 * from the page shown (its route's roles), so a reload, a bookmark or the back button never disagree with the menu.
 */
export interface Workspace {
  role: Role;
  label: string;
  landing: RouteNameValue;
}

export const WORKSPACES: Workspace[] = [
  { role: "INSTITUTION", label: "医疗卫生机构端", landing: RouteName.home },
  { role: "ASSESSMENT_INSTITUTION", label: "考核机构端", landing: RouteName.assessorHome },
];

/** The consoles this account may switch between: more than one only for an institution that also assesses. */
export function workspacesFor(me: MeFieldsFragment | null): Workspace[] {
  if (!me) return [];
  return WORKSPACES.filter((w) => me.roles.includes(w.role));
}

/** The console a page belongs to, for an account with several; null when it has one (or the page is shared). */
export function activeWorkspace(me: MeFieldsFragment | null, routeRoles: readonly Role[] | undefined): Role | null {
  const mine = workspacesFor(me);
  if (mine.length < 2) return null;
  const here = mine.find((w) => routeRoles?.includes(w.role));
  return (here ?? mine[0]).role;
}
