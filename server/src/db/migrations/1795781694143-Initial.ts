import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795781694143 implements MigrationInterface {
  name = "Initial1795781694143";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`kind\` enum ('INSTITUTION', 'ASSESSMENT_INSTITUTION', 'PHYSICIAN', 'HEALTH_ADMIN') NOT NULL, \`display_name\` varchar(128) NOT NULL, \`institution_id\` int NULL, \`physician_id\` int NULL, \`admin_id\` int NULL, \`must_change_password\` tinyint NOT NULL DEFAULT 1, \`failed_login_count\` int NOT NULL DEFAULT '0', \`locked_until\` datetime(3) NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`password_changed_at\` datetime(3) NULL, \`last_login_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_41dfcb70af895ddf9a53094515\` (\`username\`), INDEX \`IDX_d069a5fe22c2c77e5b15cc3614\` (\`institution_id\`), UNIQUE INDEX \`IDX_7582ff47d612385129fcd2658d\` (\`physician_id\`), INDEX \`IDX_3b2f933da84ee5103d5e821394\` (\`admin_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`session\` (\`token_hash\` varchar(64) NOT NULL, \`account_id\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, \`last_seen_at\` datetime(3) NOT NULL, \`ip\` varchar(64) NOT NULL DEFAULT '', \`user_agent\` varchar(255) NOT NULL DEFAULT '', INDEX \`IDX_fae5a6b4a57f098e9af8520d49\` (\`account_id\`), PRIMARY KEY (\`token_hash\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`region\` (\`code\` varchar(6) NOT NULL, \`name\` varchar(64) NOT NULL, \`level\` enum ('PROVINCE', 'CITY', 'COUNTY') NOT NULL, \`parent_code\` varchar(6) NULL, INDEX \`IDX_73a16baaad741cbb01fa629e95\` (\`parent_code\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`api_client\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`token_hash\` varchar(64) NOT NULL, \`token_prefix\` varchar(16) NOT NULL, \`region_code\` varchar(6) NOT NULL, \`region_level\` enum ('PROVINCE', 'CITY', 'COUNTY') NOT NULL, \`permissions\` text NOT NULL, \`created_by_account_id\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NULL, \`revoked_at\` datetime(3) NULL, \`last_used_at\` datetime(3) NULL, UNIQUE INDEX \`IDX_9f9ff5e87551537c8d91429855\` (\`token_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`application\` (\`id\` int NOT NULL AUTO_INCREMENT, \`cycle_id\` int NOT NULL, \`physician_id\` int NOT NULL, \`institution_id\` int NULL, \`department_id\` int NULL, \`procedure_type\` enum ('SIMPLE', 'GENERAL') NULL, \`status\` enum ('NOT_ENROLLED', 'AWAITING_REGISTRATION', 'RETURNED_TO_PHYSICIAN', 'AWAITING_INSTITUTION_REVIEW', 'RETURNED_TO_INSTITUTION', 'AWAITING_ASSESSMENT_REVIEW', 'AWAITING_TEST', 'AWAITING_MAKEUP_CONFIRMATION', 'AWAITING_MAKEUP_TEST', 'QUALIFIED', 'UNQUALIFIED') NOT NULL, \`exemption_status\` enum ('NONE', 'AWAITING_INSTITUTION', 'AWAITING_ASSESSMENT_INSTITUTION', 'APPROVED', 'REJECTED') NOT NULL DEFAULT 'NONE', \`exempted_test\` enum ('HUMANITIES', 'PROFESSIONAL') NULL, \`exemption_reason\` varchar(64) NULL, \`exemption_note\` varchar(500) NULL, \`draft\` text NULL, \`submission\` text NULL, \`submitted_at\` datetime(3) NULL, \`institution_review\` text NULL, \`assessment_review\` text NULL, \`return_reason\` varchar(500) NULL, \`last_action\` varchar(32) NOT NULL DEFAULT '', \`last_action_at\` datetime(3) NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_9d004c20aef352aa84a77e0860\` (\`physician_id\`), INDEX \`IDX_e12485c906011a67ca2030ce93\` (\`updated_at\`, \`id\`), INDEX \`IDX_33368e038f029b666ff2517af3\` (\`cycle_id\`, \`institution_id\`, \`department_id\`), INDEX \`IDX_19aa0522f012af11fd0b205309\` (\`cycle_id\`, \`institution_id\`, \`exemption_status\`), INDEX \`IDX_0bfc940fee11eed579b99c3321\` (\`cycle_id\`, \`institution_id\`, \`procedure_type\`, \`status\`), INDEX \`IDX_f25731a0132d9615084cd9e0da\` (\`cycle_id\`, \`institution_id\`, \`status\`, \`id\`), UNIQUE INDEX \`IDX_315cb0ab72ebb2b28079fcbfc0\` (\`cycle_id\`, \`physician_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`application_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`at\` datetime(3) NOT NULL, \`actor_type\` varchar(16) NOT NULL, \`actor_id\` int NULL, \`actor_name\` varchar(128) NOT NULL DEFAULT '', \`actor_role\` varchar(32) NOT NULL DEFAULT '', \`action\` varchar(40) NOT NULL, \`from_status\` enum ('NOT_ENROLLED', 'AWAITING_REGISTRATION', 'RETURNED_TO_PHYSICIAN', 'AWAITING_INSTITUTION_REVIEW', 'RETURNED_TO_INSTITUTION', 'AWAITING_ASSESSMENT_REVIEW', 'AWAITING_TEST', 'AWAITING_MAKEUP_CONFIRMATION', 'AWAITING_MAKEUP_TEST', 'QUALIFIED', 'UNQUALIFIED') NULL, \`to_status\` enum ('NOT_ENROLLED', 'AWAITING_REGISTRATION', 'RETURNED_TO_PHYSICIAN', 'AWAITING_INSTITUTION_REVIEW', 'RETURNED_TO_INSTITUTION', 'AWAITING_ASSESSMENT_REVIEW', 'AWAITING_TEST', 'AWAITING_MAKEUP_CONFIRMATION', 'AWAITING_MAKEUP_TEST', 'QUALIFIED', 'UNQUALIFIED') NULL, \`reason\` varchar(500) NULL, \`detail\` text NULL, \`ip\` varchar(64) NOT NULL DEFAULT '', INDEX \`IDX_8aed327a5e427a864e02ace49f\` (\`application_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`assessment_cycle\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`province_code\` varchar(6) NOT NULL, \`start_date\` varchar(10) NOT NULL, \`end_date\` varchar(10) NOT NULL, \`is_current\` tinyint NOT NULL DEFAULT 0, \`phases\` text NOT NULL, \`required_tests\` text NOT NULL, \`work_quantity_standards\` text NOT NULL, \`simple_procedure_rule\` text NOT NULL, \`notice\` text NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_66febcfe22b5ddf7f2e471bc3c\` (\`province_code\`, \`is_current\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`cycle_notice_ack\` (\`account_id\` int NOT NULL, \`cycle_id\` int NOT NULL, \`at\` datetime(3) NOT NULL, PRIMARY KEY (\`account_id\`, \`cycle_id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`status_counter\` (\`cycle_id\` int NOT NULL, \`institution_id\` int NOT NULL, \`status\` varchar(32) NOT NULL, \`province_code\` varchar(6) NOT NULL, \`city_code\` varchar(6) NOT NULL, \`county_code\` varchar(6) NOT NULL, \`count\` int NOT NULL DEFAULT '0', INDEX \`IDX_56fe5bfbe77a1e73bde2d3976e\` (\`cycle_id\`, \`county_code\`, \`status\`), INDEX \`IDX_8a39cea50a92b13d9dde57c82c\` (\`cycle_id\`, \`city_code\`, \`status\`), PRIMARY KEY (\`cycle_id\`, \`institution_id\`, \`status\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`other_institution_opinion\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`institution_name\` varchar(128) NOT NULL, \`opinion\` varchar(1000) NOT NULL, \`by_account_id\` int NOT NULL, \`at\` datetime(3) NOT NULL, INDEX \`IDX_eb3d4f5a85193f744b72afce8e\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`test_attempt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`cycle_id\` int NOT NULL, \`physician_id\` int NOT NULL, \`institution_id\` int NOT NULL, \`paper_id\` int NULL, \`test_kind\` enum ('HUMANITIES', 'PROFESSIONAL') NOT NULL, \`is_makeup\` tinyint NOT NULL DEFAULT 0, \`status\` enum ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'GRADED', 'ABSENT') NOT NULL, \`started_at\` datetime(3) NULL, \`submitted_at\` datetime(3) NULL, \`score\` double NULL, \`passed\` tinyint NULL, \`suspected\` tinyint NOT NULL DEFAULT 0, \`suspected_at\` datetime(3) NULL, \`suspected_by_account_id\` int NULL, \`verdict\` enum ('NONE', 'CLEARED', 'CONFIRMED') NOT NULL DEFAULT 'NONE', \`verdict_reason\` varchar(500) NULL, \`voided\` tinyint NOT NULL DEFAULT 0, \`recorded_by_type\` varchar(16) NOT NULL DEFAULT '', \`recorded_by_id\` int NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_d91d8ad0088a8c59722bedc815\` (\`cycle_id\`, \`institution_id\`, \`suspected\`), INDEX \`IDX_c01130517f89fe022bd9b629f6\` (\`cycle_id\`, \`institution_id\`, \`paper_id\`), INDEX \`IDX_cfe4aab6aa4e5ce2a087257e18\` (\`cycle_id\`, \`institution_id\`, \`status\`, \`id\`), INDEX \`IDX_5e3663b5f894a2ae9eb6590fe3\` (\`application_id\`, \`test_kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`attachment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`owner_type\` varchar(32) NOT NULL, \`owner_id\` int NOT NULL, \`purpose\` varchar(32) NOT NULL DEFAULT '', \`file_name\` varchar(255) NOT NULL, \`mime_type\` varchar(64) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`storage_key\` varchar(64) NOT NULL, \`uploaded_by_account_id\` int NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_a14d27439cdc84a17cacbfd8b2\` (\`owner_type\`, \`owner_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`at\` datetime(3) NOT NULL, \`actor_type\` varchar(16) NOT NULL, \`actor_id\` int NULL, \`actor_name\` varchar(128) NOT NULL DEFAULT '', \`action\` varchar(64) NOT NULL, \`target_type\` varchar(32) NULL, \`target_id\` int NULL, \`success\` tinyint NOT NULL DEFAULT 1, \`ip\` varchar(64) NOT NULL DEFAULT '', \`detail\` text NULL, INDEX \`IDX_ba27cef5b8b2b1a756e06ebcc5\` (\`at\`), INDEX \`IDX_951e6339a77994dfbad976b35c\` (\`action\`), INDEX \`IDX_04b3b0e7ead96f83dbe04dbde3\` (\`actor_type\`, \`actor_id\`, \`at\`), INDEX \`IDX_f0e9a94f10a209afbf22d4e77a\` (\`target_type\`, \`target_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`app_setting\` (\`key\` varchar(64) NOT NULL, \`value\` text NOT NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`department\` (\`id\` int NOT NULL AUTO_INCREMENT, \`institution_id\` int NOT NULL, \`name\` varchar(64) NOT NULL, \`subject_codes\` text NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`IDX_f096bd137659a036f6ff74c8ed\` (\`institution_id\`, \`enabled\`), UNIQUE INDEX \`IDX_29ccf9ff60a6786c370e81c680\` (\`institution_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`assessment_institution_application\` (\`id\` int NOT NULL AUTO_INCREMENT, \`institution_id\` int NOT NULL, \`status\` enum ('PENDING', 'APPROVED', 'REJECTED') NOT NULL, \`statement\` text NOT NULL, \`bed_count\` int NOT NULL, \`physician_count\` int NOT NULL, \`submitted_at\` datetime(3) NOT NULL, \`submitted_by_account_id\` int NOT NULL, \`decided_at\` datetime(3) NULL, \`decided_by_account_id\` int NULL, \`decision_reason\` varchar(500) NULL, \`version\` int NOT NULL DEFAULT '1', INDEX \`IDX_9b31c2861eec2e31f0d94833b0\` (\`status\`), INDEX \`IDX_b61d46b90e27eb602bea336e71\` (\`institution_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`institution\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`credit_code\` varchar(18) NOT NULL, \`license_no\` varchar(64) NOT NULL DEFAULT '', \`type\` varchar(32) NOT NULL DEFAULT '', \`level_code\` varchar(4) NOT NULL DEFAULT '', \`nature_code\` varchar(2) NOT NULL DEFAULT '', \`province_code\` varchar(6) NOT NULL, \`city_code\` varchar(6) NOT NULL, \`county_code\` varchar(6) NOT NULL, \`address\` varchar(255) NOT NULL DEFAULT '', \`legal_representative\` varchar(64) NOT NULL DEFAULT '', \`contact_person\` varchar(64) NOT NULL DEFAULT '', \`contact_phone\` varchar(32) NOT NULL DEFAULT '', \`bed_count\` int NULL, \`superior_admin_id\` int NULL, \`assessment_institution_id\` int NULL, \`is_assessment_institution\` tinyint NOT NULL DEFAULT 0, \`assessment_application_allowed\` tinyint NOT NULL DEFAULT 0, \`profile_completed_at\` datetime(3) NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_be83cf4d7c8f3110d6264543bb\` (\`credit_code\`), INDEX \`IDX_8089b1f07f1307a49bebe853ea\` (\`county_code\`), INDEX \`IDX_7fd497431c8121d93ba8ddf17f\` (\`superior_admin_id\`), INDEX \`IDX_2f2cf97b1686d6400faad2f9d0\` (\`assessment_institution_id\`), INDEX \`IDX_1fbb789b164bd6cb9710aba396\` (\`province_code\`, \`city_code\`, \`county_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`physician\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`gender\` enum ('MALE', 'FEMALE') NOT NULL, \`birth_date\` varchar(10) NOT NULL, \`id_number\` varchar(18) NOT NULL, \`legacy_id_number\` varchar(15) NULL, \`phone\` varchar(20) NOT NULL DEFAULT '', \`qualification_cert_no\` varchar(32) NOT NULL DEFAULT '', \`practice_cert_no\` varchar(32) NOT NULL DEFAULT '', \`category_code\` varchar(2) NOT NULL, \`scope_codes\` text NOT NULL, \`level\` enum ('PHYSICIAN', 'ASSISTANT') NOT NULL, \`title\` varchar(32) NOT NULL DEFAULT '', \`first_practice_date\` varchar(10) NULL, \`institution_id\` int NULL, \`department_id\` int NULL, \`other_practice_sites\` text NOT NULL, \`practising_status\` enum ('PRACTISING', 'SUSPENDED', 'NOT_PRACTISING') NOT NULL DEFAULT 'PRACTISING', \`photo_attachment_id\` int NULL, \`version\` int NOT NULL DEFAULT '1', \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, \`deleted_at\` datetime(3) NULL, UNIQUE INDEX \`IDX_a561cfef39d8d4b75c6095eb4c\` (\`id_number\`), INDEX \`IDX_f0a4e5ad487dc03a117bdd1b1c\` (\`legacy_id_number\`), INDEX \`IDX_6fe5da4fee0b9c448f36a99ce6\` (\`updated_at\`), INDEX \`IDX_3960fe08aef72bb026daa516da\` (\`institution_id\`, \`name\`), INDEX \`IDX_2038c3cc6bc6ce0e15332d3157\` (\`institution_id\`, \`practising_status\`), INDEX \`IDX_76dd905155226bdd1483c5928a\` (\`institution_id\`, \`category_code\`), INDEX \`IDX_9c61a5f3336aac5e8ca871fc80\` (\`institution_id\`, \`department_id\`), INDEX \`IDX_0ca94e046b1643dc6163f89041\` (\`institution_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`physician_transfer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`physician_id\` int NOT NULL, \`direction\` varchar(8) NOT NULL, \`institution_id\` int NULL, \`reason\` varchar(64) NOT NULL DEFAULT '', \`by_account_id\` int NULL, \`at\` datetime(3) NOT NULL, INDEX \`IDX_d11c24b41bdd8a234610e2cc8a\` (\`physician_id\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`import_job\` (\`id\` int NOT NULL AUTO_INCREMENT, \`by_account_id\` int NOT NULL, \`institution_id\` int NULL, \`region_code\` varchar(6) NULL, \`file_name\` varchar(255) NOT NULL, \`total_rows\` int NOT NULL DEFAULT '0', \`created\` int NOT NULL DEFAULT '0', \`updated\` int NOT NULL DEFAULT '0', \`refused\` int NOT NULL DEFAULT '0', \`started_at\` datetime(3) NOT NULL, \`finished_at\` datetime(3) NULL, INDEX \`IDX_267bf68b07e56f9d4df77f38e3\` (\`institution_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`import_row_result\` (\`id\` int NOT NULL AUTO_INCREMENT, \`job_id\` int NOT NULL, \`row_number\` int NOT NULL, \`outcome\` enum ('CREATED', 'UPDATED', 'REFUSED') NOT NULL, \`name\` varchar(64) NOT NULL DEFAULT '', \`id_number_masked\` varchar(24) NOT NULL DEFAULT '', \`messages\` text NOT NULL, INDEX \`IDX_bee0889e79cee93fc6a867c286\` (\`job_id\`, \`outcome\`, \`row_number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`health_administration\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(128) NOT NULL, \`region_code\` varchar(6) NOT NULL, \`level\` enum ('PROVINCE', 'CITY', 'COUNTY') NOT NULL, \`parent_id\` int NULL, \`contact_person\` varchar(64) NOT NULL DEFAULT '', \`contact_phone\` varchar(32) NOT NULL DEFAULT '', INDEX \`IDX_f7d35dd321a0d1afccd4a7614f\` (\`region_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_f7d35dd321a0d1afccd4a7614f\` ON \`health_administration\``);
    await q.query(`DROP TABLE \`health_administration\``);
    await q.query(`DROP INDEX \`IDX_bee0889e79cee93fc6a867c286\` ON \`import_row_result\``);
    await q.query(`DROP TABLE \`import_row_result\``);
    await q.query(`DROP INDEX \`IDX_267bf68b07e56f9d4df77f38e3\` ON \`import_job\``);
    await q.query(`DROP TABLE \`import_job\``);
    await q.query(`DROP INDEX \`IDX_d11c24b41bdd8a234610e2cc8a\` ON \`physician_transfer\``);
    await q.query(`DROP TABLE \`physician_transfer\``);
    await q.query(`DROP INDEX \`IDX_0ca94e046b1643dc6163f89041\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_9c61a5f3336aac5e8ca871fc80\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_76dd905155226bdd1483c5928a\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_2038c3cc6bc6ce0e15332d3157\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_3960fe08aef72bb026daa516da\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_6fe5da4fee0b9c448f36a99ce6\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_f0a4e5ad487dc03a117bdd1b1c\` ON \`physician\``);
    await q.query(`DROP INDEX \`IDX_a561cfef39d8d4b75c6095eb4c\` ON \`physician\``);
    await q.query(`DROP TABLE \`physician\``);
    await q.query(`DROP INDEX \`IDX_1fbb789b164bd6cb9710aba396\` ON \`institution\``);
    await q.query(`DROP INDEX \`IDX_2f2cf97b1686d6400faad2f9d0\` ON \`institution\``);
    await q.query(`DROP INDEX \`IDX_7fd497431c8121d93ba8ddf17f\` ON \`institution\``);
    await q.query(`DROP INDEX \`IDX_8089b1f07f1307a49bebe853ea\` ON \`institution\``);
    await q.query(`DROP INDEX \`IDX_be83cf4d7c8f3110d6264543bb\` ON \`institution\``);
    await q.query(`DROP TABLE \`institution\``);
    await q.query(`DROP INDEX \`IDX_b61d46b90e27eb602bea336e71\` ON \`assessment_institution_application\``);
    await q.query(`DROP INDEX \`IDX_9b31c2861eec2e31f0d94833b0\` ON \`assessment_institution_application\``);
    await q.query(`DROP TABLE \`assessment_institution_application\``);
    await q.query(`DROP INDEX \`IDX_29ccf9ff60a6786c370e81c680\` ON \`department\``);
    await q.query(`DROP INDEX \`IDX_f096bd137659a036f6ff74c8ed\` ON \`department\``);
    await q.query(`DROP TABLE \`department\``);
    await q.query(`DROP TABLE \`app_setting\``);
    await q.query(`DROP INDEX \`IDX_f0e9a94f10a209afbf22d4e77a\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`IDX_04b3b0e7ead96f83dbe04dbde3\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`IDX_951e6339a77994dfbad976b35c\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`IDX_ba27cef5b8b2b1a756e06ebcc5\` ON \`audit_log\``);
    await q.query(`DROP TABLE \`audit_log\``);
    await q.query(`DROP INDEX \`IDX_a14d27439cdc84a17cacbfd8b2\` ON \`attachment\``);
    await q.query(`DROP TABLE \`attachment\``);
    await q.query(`DROP INDEX \`IDX_5e3663b5f894a2ae9eb6590fe3\` ON \`test_attempt\``);
    await q.query(`DROP INDEX \`IDX_cfe4aab6aa4e5ce2a087257e18\` ON \`test_attempt\``);
    await q.query(`DROP INDEX \`IDX_c01130517f89fe022bd9b629f6\` ON \`test_attempt\``);
    await q.query(`DROP INDEX \`IDX_d91d8ad0088a8c59722bedc815\` ON \`test_attempt\``);
    await q.query(`DROP TABLE \`test_attempt\``);
    await q.query(`DROP INDEX \`IDX_eb3d4f5a85193f744b72afce8e\` ON \`other_institution_opinion\``);
    await q.query(`DROP TABLE \`other_institution_opinion\``);
    await q.query(`DROP INDEX \`IDX_8a39cea50a92b13d9dde57c82c\` ON \`status_counter\``);
    await q.query(`DROP INDEX \`IDX_56fe5bfbe77a1e73bde2d3976e\` ON \`status_counter\``);
    await q.query(`DROP TABLE \`status_counter\``);
    await q.query(`DROP TABLE \`cycle_notice_ack\``);
    await q.query(`DROP INDEX \`IDX_66febcfe22b5ddf7f2e471bc3c\` ON \`assessment_cycle\``);
    await q.query(`DROP TABLE \`assessment_cycle\``);
    await q.query(`DROP INDEX \`IDX_8aed327a5e427a864e02ace49f\` ON \`application_event\``);
    await q.query(`DROP TABLE \`application_event\``);
    await q.query(`DROP INDEX \`IDX_315cb0ab72ebb2b28079fcbfc0\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_f25731a0132d9615084cd9e0da\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_0bfc940fee11eed579b99c3321\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_19aa0522f012af11fd0b205309\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_33368e038f029b666ff2517af3\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_e12485c906011a67ca2030ce93\` ON \`application\``);
    await q.query(`DROP INDEX \`IDX_9d004c20aef352aa84a77e0860\` ON \`application\``);
    await q.query(`DROP TABLE \`application\``);
    await q.query(`DROP INDEX \`IDX_9f9ff5e87551537c8d91429855\` ON \`api_client\``);
    await q.query(`DROP TABLE \`api_client\``);
    await q.query(`DROP INDEX \`IDX_73a16baaad741cbb01fa629e95\` ON \`region\``);
    await q.query(`DROP TABLE \`region\``);
    await q.query(`DROP INDEX \`IDX_fae5a6b4a57f098e9af8520d49\` ON \`session\``);
    await q.query(`DROP TABLE \`session\``);
    await q.query(`DROP INDEX \`IDX_3b2f933da84ee5103d5e821394\` ON \`account\``);
    await q.query(`DROP INDEX \`IDX_7582ff47d612385129fcd2658d\` ON \`account\``);
    await q.query(`DROP INDEX \`IDX_d069a5fe22c2c77e5b15cc3614\` ON \`account\``);
    await q.query(`DROP INDEX \`IDX_41dfcb70af895ddf9a53094515\` ON \`account\``);
    await q.query(`DROP TABLE \`account\``);
  }
}
