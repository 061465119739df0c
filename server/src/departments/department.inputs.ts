import { FilterText } from "../common/filter-text";
import { ArrayMaxSize, ArrayNotEmpty, IsNotEmpty } from "class-validator";
import { Field, InputType } from "type-graphql";
import { LIMITS, MaxLengthOf } from "../common/rules";

@InputType({ description: "创建或编辑科室 (department form)" })
export class DepartmentInput {
  @Field({ description: "科室名称 (name)" })
  @IsNotEmpty({ message: "请填写科室名称" })
  @MaxLengthOf(LIMITS.departmentName)
  name: string;

  @Field(() => [String], { description: "诊疗科目代码，至少一个 (practice-subject codes, at least one)" })
  @ArrayNotEmpty({ message: "请至少选择一个诊疗科目" })
  @ArrayMaxSize(50, { message: "诊疗科目不能超过50个" })
  subjectCodes: string[];
}

@InputType({ description: "科室筛选 (department filter)" })
export class DepartmentFilter {
  @Field({ nullable: true, description: "名称包含 (name contains)" })
  @FilterText("科室名称")
  name?: string;

  @Field({ nullable: true, description: "仅启用/仅停用 (enabled only / disabled only)" })
  enabled?: boolean;
}
