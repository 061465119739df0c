import { mayReset } from "../accounts/account.service";
import { Account } from "../accounts/account.entity";
import { activeLock, clearAttempts } from "../accounts/login-throttle";
import { audit } from "../audit/audit";
import { requirePrincipal } from "../common/auth";
import { invalidState, notFound } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";

/** Ends the lock after failed sign-ins of an account the administration may reset; audited. */
export async function unlockAccount(ctx: Context, accountId: number): Promise<void> {
  const p = requirePrincipal(ctx);
  await inTransaction(ctx.ds, async (em) => {
    const target = await em.findOneBy(Account, { id: accountId });
    if (!target || !(await mayReset(em, p, target))) throw notFound("账户");
    if (!(await activeLock(em, target.username))) throw invalidState("该账户未被锁定");
    await clearAttempts(em, target.username);
    await audit(em, ctx, {
      action: "auth.account.unlock",
      targetType: "Account",
      targetId: target.id,
      detail: { username: target.username },
    });
  });
}
