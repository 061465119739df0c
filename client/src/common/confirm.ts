import { ElMessageBox } from "element-plus";

/**
 * Asks before a destructive or hard-to-undo action. Resolves true when confirmed.
 * Button texts are explicit: the message box is created outside the component tree, where the
 * locale of el-config-provider does not reach.
 */
export async function confirmAction(message: string, options: { title?: string; confirmText?: string; danger?: boolean } = {}) {
  try {
    await ElMessageBox.confirm(message, options.title ?? "操作确认", {
      type: "warning",
      confirmButtonText: options.confirmText ?? "确定",
      cancelButtonText: "取消",
      confirmButtonClass: options.danger ? "el-button--danger" : undefined,
      autofocus: false,
      closeOnClickModal: false,
    });
    return true;
  } catch {
    return false;
  }
}
