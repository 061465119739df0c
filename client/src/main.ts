import { createApp } from "vue";
import App from "./App.vue";
import { router } from "./router";
// Styles of the Element Plus services called from code (the template components bring their own CSS).
import "element-plus/es/components/message/style/css";
import "element-plus/es/components/message-box/style/css";
import "element-plus/es/components/loading/style/css";
import "element-plus/es/components/notification/style/css";
import "./styles/index.css";

createApp(App).use(router).mount("#app");
