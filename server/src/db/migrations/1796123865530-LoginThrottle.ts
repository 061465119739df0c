import type { MigrationInterface, QueryRunner } from "typeorm";

export class LoginThrottle1796123865530 implements MigrationInterface {
  name = "LoginThrottle1796123865530";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`login_throttle\` (\`username\` varchar(64) NOT NULL, \`failed_count\` int NOT NULL DEFAULT '0', \`locked_until\` datetime(3) NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_ee263148b37c7f446ca19000aa\` (\`updated_at\`), PRIMARY KEY (\`username\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`account\` DROP COLUMN \`failed_login_count\``);
    await q.query(`ALTER TABLE \`account\` DROP COLUMN \`locked_until\``);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`account\` ADD \`locked_until\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`account\` ADD \`failed_login_count\` int NOT NULL DEFAULT 0`);
    await q.query(`DROP INDEX \`IDX_ee263148b37c7f446ca19000aa\` ON \`login_throttle\``);
    await q.query(`DROP TABLE \`login_throttle\``);
  }
}
