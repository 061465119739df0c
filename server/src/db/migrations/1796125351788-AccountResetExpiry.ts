import type { MigrationInterface, QueryRunner } from "typeorm";

export class AccountResetExpiry1796125351788 implements MigrationInterface {
  name = "AccountResetExpiry1796125351788";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`account\` ADD \`reset_expires_at\` datetime(3) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`account\` DROP COLUMN \`reset_expires_at\``);
  }
}
