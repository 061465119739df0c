import { randomInt } from "node:crypto";
import type { MigrationInterface, QueryRunner } from "typeorm";

/** As certificates/verification-code.ts makes them (kept here: a migration stays as it ran, and db/ imports no feature). */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const code = () => Array.from({ length: 12 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join("");

export class CertificateVerificationCode1796129922622 implements MigrationInterface {
  name = "CertificateVerificationCode1796129922622";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`certificate\` ADD \`verification_code\` varchar(12) NULL`);
    // Existing certificates get codes generated in Node (crypto), and their stored images are dropped so the
    // next download renders them again with the code beside the number and in the QR.
    const rows: { id: number }[] = await q.query(`SELECT \`id\` FROM \`certificate\``);
    for (const { id } of rows)
      await q.query(
        `UPDATE \`certificate\` SET \`verification_code\` = ?, \`image_key\` = NULL, \`image_sha256\` = NULL, \`image_size\` = NULL WHERE \`id\` = ?`,
        [code(), id],
      );
    await q.query(`ALTER TABLE \`certificate\` MODIFY \`verification_code\` varchar(12) NOT NULL`);
    await q.query(
      `ALTER TABLE \`certificate\` ADD UNIQUE INDEX \`IDX_60a9e298400a26898d775085a9\` (\`verification_code\`)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`certificate\` DROP INDEX \`IDX_60a9e298400a26898d775085a9\``);
    await q.query(`ALTER TABLE \`certificate\` DROP COLUMN \`verification_code\``);
    await q.query(`UPDATE \`certificate\` SET \`image_key\` = NULL, \`image_sha256\` = NULL, \`image_size\` = NULL`);
  }
}
