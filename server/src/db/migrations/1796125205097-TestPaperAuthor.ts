import type { MigrationInterface, QueryRunner } from "typeorm";

export class TestPaperAuthor1796125205097 implements MigrationInterface {
  name = "TestPaperAuthor1796125205097";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`test_paper\` ADD \`created_by_institution_id\` int NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`test_paper\` DROP COLUMN \`created_by_institution_id\``);
  }
}
