import type { MigrationInterface, QueryRunner } from "typeorm";

export class LoginThrottleInFlight1796135202071 implements MigrationInterface {
  name = "LoginThrottleInFlight1796135202071";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`login_throttle\` ADD \`in_flight\` int NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE \`login_throttle\` ADD \`in_flight_at\` datetime(3) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`login_throttle\` DROP COLUMN \`in_flight_at\``);
    await q.query(`ALTER TABLE \`login_throttle\` DROP COLUMN \`in_flight\``);
  }
}
