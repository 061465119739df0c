import { createRouter, createWebHistory } from "vue-router";
import {
  installAuthGuard,
  installAuthProblemHandler,
  installLoginPageGuard,
  installPasswordGuard,
  installRoleGuard,
  installTitle,
} from "./guards";
import { routes } from "./routes";

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

// Order matters: who is signed in → must the password change first → may this role open the page.
installLoginPageGuard(router);
installAuthGuard(router);
installPasswordGuard(router);
installRoleGuard(router);
installTitle(router);
installAuthProblemHandler(router);
