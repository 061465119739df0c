import type { MigrationInterface, QueryRunner } from "typeorm";

export class ExamsProctoringCertificates1795782199010 implements MigrationInterface {
  name = "ExamsProctoringCertificates1795782199010";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_56fe5bfbe77a1e73bde2d3976e\` ON \`status_counter\``);
    await q.query(`DROP INDEX \`IDX_8a39cea50a92b13d9dde57c82c\` ON \`status_counter\``);
    await q.query(
      `CREATE TABLE \`test_paper\` (\`id\` int NOT NULL AUTO_INCREMENT, \`cycle_id\` int NOT NULL, \`name\` varchar(128) NOT NULL, \`kind\` enum ('HUMANITIES', 'PROFESSIONAL') NOT NULL, \`window_start\` datetime(3) NOT NULL, \`window_end\` datetime(3) NOT NULL, \`pass_mark\` double NOT NULL, \`full_marks\` double NOT NULL DEFAULT '100', \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_3bab7b48d86fbc09db4adc46d7\` (\`cycle_id\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`proctoring_snapshot\` (\`id\` int NOT NULL AUTO_INCREMENT, \`attempt_id\` int NOT NULL, \`institution_id\` int NOT NULL, \`attachment_id\` int NOT NULL, \`captured_at\` datetime(3) NOT NULL, \`similarity\` double NOT NULL, \`viewed_at\` datetime(3) NULL, \`viewed_by_account_id\` int NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_e7b564bf4386c5eca8d7a96f07\` (\`attempt_id\`, \`captured_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`certificate\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`number\` varchar(32) NOT NULL, \`physician_id\` int NOT NULL, \`institution_id\` int NOT NULL, \`cycle_id\` int NOT NULL, \`issued_at\` datetime(3) NOT NULL, \`data\` text NOT NULL, \`image_key\` varchar(64) NULL, \`image_sha256\` varchar(64) NULL, \`image_size\` int NULL, \`revoked_at\` datetime(3) NULL, \`revoke_reason\` varchar(255) NULL, \`updated_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_304b09b67c3901da3e966e0b2d\` (\`application_id\`), UNIQUE INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` (\`number\`), INDEX \`IDX_8d1ef83a9af35805f3cac58970\` (\`institution_id\`), INDEX \`IDX_278b5b06fac45678b66896ce0e\` (\`updated_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`test_attempt\` ADD \`min_similarity\` double NULL`);
    await q.query(`ALTER TABLE \`test_attempt\` ADD \`snapshot_count\` int NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE \`test_attempt\` ADD \`viewed_at\` datetime(3) NULL`);
    await q.query(
      `CREATE INDEX \`IDX_397cf9731b910aca18f5372683\` ON \`status_counter\` (\`cycle_id\`, \`county_code\`, \`institution_id\`, \`status\`, \`count\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_42254f6a0a43fd7c05d890559b\` ON \`status_counter\` (\`cycle_id\`, \`city_code\`, \`county_code\`, \`status\`, \`count\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_15941b88452e4bb9c19931758a\` ON \`status_counter\` (\`cycle_id\`, \`province_code\`, \`city_code\`, \`status\`, \`count\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_b16725d70a2e74023a7a309fd5\` ON \`test_attempt\` (\`cycle_id\`, \`institution_id\`, \`min_similarity\`)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_b16725d70a2e74023a7a309fd5\` ON \`test_attempt\``);
    await q.query(`DROP INDEX \`IDX_15941b88452e4bb9c19931758a\` ON \`status_counter\``);
    await q.query(`DROP INDEX \`IDX_42254f6a0a43fd7c05d890559b\` ON \`status_counter\``);
    await q.query(`DROP INDEX \`IDX_397cf9731b910aca18f5372683\` ON \`status_counter\``);
    await q.query(`ALTER TABLE \`test_attempt\` DROP COLUMN \`viewed_at\``);
    await q.query(`ALTER TABLE \`test_attempt\` DROP COLUMN \`snapshot_count\``);
    await q.query(`ALTER TABLE \`test_attempt\` DROP COLUMN \`min_similarity\``);
    await q.query(`DROP INDEX \`IDX_278b5b06fac45678b66896ce0e\` ON \`certificate\``);
    await q.query(`DROP INDEX \`IDX_8d1ef83a9af35805f3cac58970\` ON \`certificate\``);
    await q.query(`DROP INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` ON \`certificate\``);
    await q.query(`DROP INDEX \`IDX_304b09b67c3901da3e966e0b2d\` ON \`certificate\``);
    await q.query(`DROP TABLE \`certificate\``);
    await q.query(`DROP INDEX \`IDX_e7b564bf4386c5eca8d7a96f07\` ON \`proctoring_snapshot\``);
    await q.query(`DROP TABLE \`proctoring_snapshot\``);
    await q.query(`DROP INDEX \`IDX_3bab7b48d86fbc09db4adc46d7\` ON \`test_paper\``);
    await q.query(`DROP TABLE \`test_paper\``);
    await q.query(
      `CREATE INDEX \`IDX_8a39cea50a92b13d9dde57c82c\` ON \`status_counter\` (\`cycle_id\`, \`city_code\`, \`status\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_56fe5bfbe77a1e73bde2d3976e\` ON \`status_counter\` (\`cycle_id\`, \`county_code\`, \`status\`)`,
    );
  }
}
