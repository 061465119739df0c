import { IsNotEmpty, MaxLength, Min } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { TestKind } from "../assessment/procedure";

@InputType({ description: "试卷内容 (a paper's values)" })
export class TestPaperEditInput {
  @Field({ description: "试卷名称 (name)" }) @IsNotEmpty({ message: "请填写试卷名称" }) @MaxLength(128) name: string;
  @Field(() => TestKind) kind: TestKind;
  @Field(() => Date, { description: "开考时间 (opens)" }) windowStart: Date;
  @Field(() => Date, { description: "截止时间 (closes)" }) windowEnd: Date;
  @Field(() => Float, { description: "合格分数线 (pass mark)" })
  @Min(0, { message: "分数线不能为负数" })
  passMark: number;
  @Field(() => Float, { defaultValue: 100, description: "满分 (full marks)" }) @Min(1) fullMarks: number;
}
