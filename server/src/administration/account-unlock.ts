import { mayReset } from "../accounts/account.service";
import { Account } from "../accounts/account.entity";
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
    if (!target.lockedUntil || target.lockedUntil.getTime() <= Date.now()) throw invalidState("该账户未被锁定");
    await em.update(Account, { id: target.id }, { failedLoginCount: 0, lockedUntil: null });
    await audit(em, ctx, {
      action: "auth.account.unlock",
      targetType: "Account",
      targetId: target.id,
      detail: { username: target.username },
    });
  });
}
