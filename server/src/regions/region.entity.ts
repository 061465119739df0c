import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum RegionLevel {
  PROVINCE = "PROVINCE",
  CITY = "CITY",
  COUNTY = "COUNTY",
}
registerEnumType(RegionLevel, {
  name: "RegionLevel",
  description: "行政区划级别 (administrative level)",
  valuesConfig: {
    PROVINCE: { description: "省级（省/自治区）" },
    CITY: { description: "市级" },
    COUNTY: { description: "县级（县/区）" },
  },
});

/** 行政区划 (GB/T 2260 code): province 450000 → city 450100 → county 450102. */
@ObjectType({ description: "行政区划 (administrative region, GB/T 2260)" })
@Entity({ name: "region" })
export class Region {
  @Field({ description: "六位行政区划代码 (six-digit region code)" })
  @PrimaryColumn({ type: "varchar", length: 6 })
  code: string;

  @Field({ description: "名称 (name)" })
  @Column({ type: "varchar", length: 64 })
  name: string;

  @Field(() => RegionLevel, { description: "级别 (level)" })
  @Column({ type: "simple-enum", enum: RegionLevel })
  level: RegionLevel;

  @Field(() => String, { nullable: true, description: "上级区划代码 (parent region code)" })
  @Index()
  @Column({ type: "varchar", length: 6, nullable: true })
  parentCode: string | null;
}

/** The code prefix shared by every region inside `code` (450000 → "45", 450100 → "4501"). */
export function regionPrefix(code: string, level: RegionLevel): string {
  if (level === RegionLevel.PROVINCE) return code.slice(0, 2);
  if (level === RegionLevel.CITY) return code.slice(0, 4);
  return code;
}

export function levelOfCode(code: string): RegionLevel {
  if (code.endsWith("0000")) return RegionLevel.PROVINCE;
  if (code.endsWith("00")) return RegionLevel.CITY;
  return RegionLevel.COUNTY;
}
