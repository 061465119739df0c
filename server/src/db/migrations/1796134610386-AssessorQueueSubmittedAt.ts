import type { MigrationInterface, QueryRunner } from "typeorm";

export class AssessorQueueSubmittedAt1796134610386 implements MigrationInterface {
  name = "AssessorQueueSubmittedAt1796134610386";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX \`IDX_e6e68dbee9c1aa71767e39c2b1\` ON \`application\` (\`cycle_id\`, \`institution_id\`, \`status\`, \`submitted_at\`)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_e6e68dbee9c1aa71767e39c2b1\` ON \`application\``);
  }
}
