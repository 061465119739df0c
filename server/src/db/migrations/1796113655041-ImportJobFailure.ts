import type { MigrationInterface, QueryRunner } from "typeorm";

export class ImportJobFailure1796113655041 implements MigrationInterface {
  name = "ImportJobFailure1796113655041";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`import_job\` ADD \`failure_reason\` varchar(500) NULL`);
    await q.query(`ALTER TABLE \`import_job\` ADD \`heartbeat_at\` datetime(3) NULL`);
    await q.query(`CREATE INDEX \`IDX_de29e307f38efb9c928f51b658\` ON \`import_job\` (\`finished_at\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_de29e307f38efb9c928f51b658\` ON \`import_job\``);
    await q.query(`ALTER TABLE \`import_job\` DROP COLUMN \`heartbeat_at\``);
    await q.query(`ALTER TABLE \`import_job\` DROP COLUMN \`failure_reason\``);
  }
}
