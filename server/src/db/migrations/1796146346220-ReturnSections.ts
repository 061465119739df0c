import type { MigrationInterface, QueryRunner } from "typeorm";

export class ReturnSections1796146346220 implements MigrationInterface {
  name = "ReturnSections1796146346220";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`application_event\` ADD \`sections\` varchar(200) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`application_event\` DROP COLUMN \`sections\``);
  }
}
