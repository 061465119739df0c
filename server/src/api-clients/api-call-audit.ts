import type { ApolloServerPlugin } from "@apollo/server";
import { auditNow } from "../audit/audit";
import type { Context } from "../context";
import { logger } from "../logger";

/** Every call of an API client is attributed in the audit log: which client, which operation, whether it failed. */
export const apiCallAuditPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    if (contextValue.principal?.type !== "API_CLIENT") return;
    return {
      async willSendResponse({ operation, operationName, errors, contextValue: ctx, response }) {
        const failed =
          !!errors?.length || (response.body.kind === "single" && !!response.body.singleResult.errors?.length);
        await auditNow(ctx.ds, ctx, {
          action: "api.call",
          success: !failed,
          detail: { operation: operationName ?? null, type: operation?.operation ?? null },
        }).catch((err) => logger.error({ err }, "api call audit failed"));
      },
    };
  },
};
