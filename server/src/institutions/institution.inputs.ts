import { IsInt, IsNotEmpty, IsOptional, Matches, Max, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { LIMITS, MaxLengthOf, PHONE_MESSAGE, PHONE_PATTERN } from "../common/rules";

export { PHONE_PATTERN };

/** 本机构信息 form (manual 2.2.2): red-asterisk fields are required here too. */
@InputType({ description: "本机构信息 (institution profile; all but bedCount are required)" })
export class InstitutionProfileInput {
  @Field({ description: "机构名称 (name)" })
  @IsNotEmpty({ message: "请填写机构名称" })
  @MaxLengthOf(LIMITS.institutionName)
  name: string;

  @Field({ description: "统一社会信用代码，18 位，含校验位 (credit code, GB 32100)" })
  @IsNotEmpty({ message: "请填写统一社会信用代码" })
  creditCode: string;

  @Field({ description: "医疗机构执业许可证登记号 (licence registration number)" })
  @IsNotEmpty({ message: "请填写医疗机构执业许可证登记号" })
  @MaxLengthOf(LIMITS.licenseNo)
  licenseNo: string;

  @Field({ description: "机构类别，取自 referenceLists.institutionTypes (type)" })
  @IsNotEmpty({ message: "请选择机构类别" })
  type: string;

  @Field({ description: "机构级别/等次代码，取自 referenceLists.institutionLevels (level code)" })
  @IsNotEmpty({ message: "请选择机构级别" })
  levelCode: string;

  @Field({ description: "经营性质代码，取自 referenceLists.institutionNatures (nature code)" })
  @IsNotEmpty({ message: "请选择经营性质" })
  natureCode: string;

  @Field(() => String, {
    nullable: true,
    description:
      "所在县（区）区划代码：由卫生行政部门设定，只能原样提交或省略；变更须 requestJurisdictionChange (county code: set by the administration; send it unchanged or leave it out)",
  })
  @IsOptional()
  countyCode?: string | null;

  @Field({ description: "详细地址 (address)" })
  @IsNotEmpty({ message: "请填写详细地址" })
  @MaxLengthOf(LIMITS.address)
  address: string;

  @Field({ description: "法定代表人/主要负责人 (legal representative)" })
  @IsNotEmpty({ message: "请填写法定代表人" })
  @MaxLengthOf(LIMITS.legalRepresentative)
  legalRepresentative: string;

  @Field({ description: "联系人 (contact person)" })
  @IsNotEmpty({ message: "请填写联系人" })
  @MaxLengthOf(LIMITS.contactPerson)
  contactPerson: string;

  @Field({ description: "联系电话：手机或带区号的固定电话 (phone: mobile, or landline with area code)" })
  @IsNotEmpty({ message: "请填写联系电话" })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  contactPhone: string;

  @Field(() => Int, { nullable: true, description: "床位数 (beds)" })
  @IsOptional()
  @IsInt({ message: "床位数必须是整数" })
  @Min(0, { message: "床位数不能为负数" })
  @Max(100000, { message: "床位数过大" })
  bedCount?: number | null;
}
