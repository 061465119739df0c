import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** 其他执业机构意见: for a physician practising at several sites, another site's opinion, recorded by the reviewing institution. */
@Entity({ name: "other_institution_opinion" })
@Index(["applicationId"])
export class OtherInstitutionOpinion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  applicationId: number;

  @Column({ type: "varchar", length: 128 })
  institutionName: string;

  @Column({ type: "varchar", length: 1000 })
  opinion: string;

  @Column({ type: "int" })
  byAccountId: number;

  @DateTimeColumn()
  at: Date;
}
