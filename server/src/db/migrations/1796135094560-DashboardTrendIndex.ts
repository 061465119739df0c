import type { MigrationInterface, QueryRunner } from "typeorm";

export class DashboardTrendIndex1796135094560 implements MigrationInterface {
  name = "DashboardTrendIndex1796135094560";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`IDX_13148d53c0ae64d8a40d8c3232\` ON \`application_event\` (\`action\`, \`at\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_13148d53c0ae64d8a40d8c3232\` ON \`application_event\``);
  }
}
