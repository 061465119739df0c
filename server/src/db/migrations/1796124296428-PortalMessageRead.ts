import type { MigrationInterface, QueryRunner } from "typeorm";

export class PortalMessageRead1796124296428 implements MigrationInterface {
  name = "PortalMessageRead1796124296428";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`portal_message_read\` (\`id\` int NOT NULL AUTO_INCREMENT, \`physician_id\` int NOT NULL, \`event_id\` int NOT NULL, \`read_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_ce800f2dec2b69b8b25bf340b7\` (\`physician_id\`, \`event_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_ce800f2dec2b69b8b25bf340b7\` ON \`portal_message_read\``);
    await q.query(`DROP TABLE \`portal_message_read\``);
  }
}
