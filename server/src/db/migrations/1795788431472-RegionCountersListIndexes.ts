import type { MigrationInterface, QueryRunner } from "typeorm";

export class RegionCountersListIndexes1795788431472 implements MigrationInterface {
  name = "RegionCountersListIndexes1795788431472";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`region_status_counter\` (\`cycle_id\` int NOT NULL, \`county_code\` varchar(6) NOT NULL, \`status\` varchar(32) NOT NULL, \`province_code\` varchar(6) NOT NULL, \`city_code\` varchar(6) NOT NULL, \`count\` int NOT NULL DEFAULT '0', INDEX \`IDX_6bd56d7cc6fc58b6428b29ba73\` (\`cycle_id\`, \`province_code\`, \`city_code\`, \`status\`, \`count\`), PRIMARY KEY (\`cycle_id\`, \`county_code\`, \`status\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE INDEX \`IDX_b3ac9570755c1fb1c4f11ab274\` ON \`application\` (\`cycle_id\`, \`institution_id\`, \`status\`, \`last_action_at\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_1eb51f62afe27f76bcd2b59bd1\` ON \`application\` (\`cycle_id\`, \`institution_id\`, \`last_action_at\`, \`id\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_29d327c9925dca4b2e93651b7e\` ON \`application\` (\`cycle_id\`, \`institution_id\`, \`id\`)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_29d327c9925dca4b2e93651b7e\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_1eb51f62afe27f76bcd2b59bd1\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_b3ac9570755c1fb1c4f11ab274\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_6bd56d7cc6fc58b6428b29ba73\` ON \`region_status_counter\``);
    await q.query(`DROP TABLE \`region_status_counter\``);
  }
}
