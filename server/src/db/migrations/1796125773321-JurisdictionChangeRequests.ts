import type { MigrationInterface, QueryRunner } from "typeorm";

export class JurisdictionChangeRequests1796125773321 implements MigrationInterface {
  name = "JurisdictionChangeRequests1796125773321";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`jurisdiction_change_request\` (\`submitted_at\` datetime(3) NOT NULL, \`submitted_by_account_id\` int NOT NULL, \`decided_at\` datetime(3) NULL, \`decided_by_account_id\` int NULL, \`decision_reason\` varchar(500) NULL, \`version\` int NOT NULL DEFAULT '1', \`id\` int NOT NULL AUTO_INCREMENT, \`institution_id\` int NOT NULL, \`status\` enum ('PENDING', 'APPROVED', 'REJECTED') NOT NULL, \`reviewer_admin_id\` int NOT NULL, \`from_county_code\` varchar(6) NOT NULL, \`from_superior_admin_id\` int NULL, \`from_assessment_institution_id\` int NULL, \`to_county_code\` varchar(6) NOT NULL, \`to_city_code\` varchar(6) NOT NULL, \`to_superior_admin_id\` int NULL, \`to_assessment_institution_id\` int NULL, \`reason\` varchar(500) NOT NULL, INDEX \`IDX_66e5a535d8c5483d15d00e9a84\` (\`reviewer_admin_id\`, \`status\`), INDEX \`IDX_129c7265e8e1ae3c6848c4d971\` (\`institution_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_129c7265e8e1ae3c6848c4d971\` ON \`jurisdiction_change_request\``);
    await q.query(`DROP INDEX \`IDX_66e5a535d8c5483d15d00e9a84\` ON \`jurisdiction_change_request\``);
    await q.query(`DROP TABLE \`jurisdiction_change_request\``);
  }
}
