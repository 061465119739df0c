import type { VNode } from "vue";
import { ElMessageBox } from "element-plus";

/**
 * Asks before a destructive or hard-to-undo action. Resolves true when confirmed.
 * Button texts are explicit: the message box is created outside the component tree, where the
 * locale of el-config-provider does not reach.
 */
export async function confirmAction(
  message: string,
  options: { title?: string; confirmText?: string; danger?: boolean } = {},
) {
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

/**
 * Asks for a required reason (驳回理由 …) in a message box. Resolves the trimmed text, or null when
 * cancelled. The server caps reasons at 500 characters; the box checks the same before sending.
 */
export async function promptReason(
  message: string,
  options: { title: string; confirmText?: string; placeholder?: string; required?: string },
): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt(message, options.title, {
      confirmButtonText: options.confirmText ?? "确定",
      cancelButtonText: "取消",
      confirmButtonClass: "el-button--danger",
      inputType: "textarea",
      inputPlaceholder: options.placeholder ?? "请填写理由",
      inputValidator: (v: string) => {
        if (!v || !v.trim()) return options.required ?? "请填写理由";
        if (v.trim().length > 500) return "理由不能超过500字";
        return true;
      },
      closeOnClickModal: false,
      customClass: "pa-reason-box",
    });
    return value.trim();
  } catch {
    return null;
  }
}

/**
 * Asks to confirm an action with an optional note (标记疑似 …). Resolves { note } (trimmed, possibly
 * empty) when confirmed, or null when cancelled.
 */
export async function confirmWithNote(
  message: string | VNode,
  options: { title: string; confirmText?: string; placeholder?: string; maxLength?: number },
): Promise<{ note: string } | null> {
  const max = options.maxLength ?? 200;
  try {
    const { value } = await ElMessageBox.prompt(message, options.title, {
      type: "warning",
      confirmButtonText: options.confirmText ?? "确定",
      cancelButtonText: "取消",
      confirmButtonClass: "el-button--danger",
      inputType: "textarea",
      inputPlaceholder: options.placeholder ?? "说明（选填）",
      inputValidator: (v: string) => (v && v.trim().length > max ? `说明不能超过${max}字` : true),
      closeOnClickModal: false,
      autofocus: false,
      customClass: "pa-reason-box",
    });
    return { note: (value ?? "").trim() };
  } catch {
    return null;
  }
}

/** Tells why the server refused an action (a state rule, not a fault): stays until read. */
export async function alertRefusal(message: string, title = "无法办理") {
  await ElMessageBox.alert(message, title, { type: "warning", confirmButtonText: "知道了", autofocus: false }).catch(
    () => undefined,
  );
}
