import { Column, Entity, PrimaryColumn } from "typeorm";

/** Process-shared settings generated on first start (e.g. the link-signing secret). */
@Entity({ name: "app_setting" })
export class AppSetting {
  @PrimaryColumn({ type: "varchar", length: 64 })
  key: string;

  @Column({ type: "text" })
  value: string;
}
