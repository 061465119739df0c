import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiClientsRateLimits1795783320658 implements MigrationInterface {
  name = "ApiClientsRateLimits1795783320658";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`rate_limit_bucket\` (\`key\` varchar(80) NOT NULL, \`window_start\` bigint NOT NULL, \`count\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`key\`, \`window_start\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`api_client\` ADD \`rate_limit_per_minute\` int NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`api_client\` DROP COLUMN \`rate_limit_per_minute\``);
    await q.query(`DROP TABLE \`rate_limit_bucket\``);
  }
}
