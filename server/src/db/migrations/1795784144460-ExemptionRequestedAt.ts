import type { MigrationInterface, QueryRunner } from "typeorm";

export class ExemptionRequestedAt1795784144460 implements MigrationInterface {
  name = "ExemptionRequestedAt1795784144460";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`application\` ADD \`exemption_requested_at\` datetime(3) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`application\` DROP COLUMN \`exemption_requested_at\``);
  }
}
