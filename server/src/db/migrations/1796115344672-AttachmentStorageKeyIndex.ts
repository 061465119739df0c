import type { MigrationInterface, QueryRunner } from "typeorm";

export class AttachmentStorageKeyIndex1796115344672 implements MigrationInterface {
  name = "AttachmentStorageKeyIndex1796115344672";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`IDX_d777dcffe63dff85011cf4707c\` ON \`attachment\` (\`storage_key\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_d777dcffe63dff85011cf4707c\` ON \`attachment\``);
  }
}
