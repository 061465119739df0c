import type { MigrationInterface, QueryRunner } from "typeorm";

export class AuditLogRegion1796126697368 implements MigrationInterface {
  name = "AuditLogRegion1796126697368";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`audit_log\` ADD \`region_code\` varchar(12) NULL`);
    await q.query(`CREATE INDEX \`IDX_cd163a85c530293c140e41870c\` ON \`audit_log\` (\`region_code\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_cd163a85c530293c140e41870c\` ON \`audit_log\``);
    await q.query(`ALTER TABLE \`audit_log\` DROP COLUMN \`region_code\``);
  }
}
