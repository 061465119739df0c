import { ref, watch } from "vue";

const KEY = "pa.sidebar.collapsed";

/** Open unless the user folded it (on a 1024 px screen the page may need the width more than the labels). */
const initial = () => localStorage.getItem(KEY) === "1";

/** Whether the side menu is folded to its icons; the user's choice is kept for the next visit. */
export const sidebarCollapsed = ref(initial());
watch(sidebarCollapsed, (v) => localStorage.setItem(KEY, v ? "1" : "0"));

export const toggleSidebar = () => (sidebarCollapsed.value = !sidebarCollapsed.value);
