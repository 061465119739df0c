import { markRaw } from "vue";
import { Finished } from "@element-plus/icons-vue";
import type { Role } from "@/gql/graphql";
import type { MenuGroup } from "@/layout/menu";
import { RouteName } from "@/router/names";

const ASSESSOR: Role[] = ["ASSESSMENT_INSTITUTION"];

/** The assessment institution's menu group (added to the shared menu). */
export const assessorMenu: MenuGroup = {
  title: "考核机构",
  icon: markRaw(Finished),
  roles: ASSESSOR,
  children: [
    { title: "工作台", route: RouteName.assessorHome, roles: ASSESSOR },
    { title: "复核", route: RouteName.assessorReviews, roles: ASSESSOR },
    { title: "免考复核", route: RouteName.assessorExemptions, roles: ASSESSOR },
    { title: "录入成绩", route: RouteName.assessorResults, roles: ASSESSOR },
    { title: "试卷管理", route: RouteName.assessorPapers, roles: ASSESSOR },
    { title: "测评进度", route: RouteName.assessorTests, roles: ASSESSOR },
    { title: "监考查看", route: RouteName.assessorProctoring, roles: ASSESSOR },
    { title: "本机构与所负责机构", route: RouteName.assessorProfile, roles: ASSESSOR },
  ],
};
