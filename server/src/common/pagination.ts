import { Max, Min } from "class-validator";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";

/** Offset paging for console lists (page numbers, total for the pager). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 1, description: "页码，从 1 开始 (page number, from 1)" })
  @Min(1, { message: "页码必须大于等于 1" })
  page: number = 1;

  @Field(() => Int, { defaultValue: 20, description: "每页条数，1–100 (page size, 1–100)" })
  @Min(1, { message: "每页条数必须大于等于 1" })
  @Max(100, { message: "每页条数不能超过 100" })
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Builds a named `XxxPage` object type: items plus the paging facts a pager needs. */
export function PageOf<T extends object>(itemType: ClassType<T>, name: string, description: string) {
  @ObjectType(name, { description })
  abstract class PageClass {
    @Field(() => [itemType], { description: "本页数据 (rows of this page)" })
    items: T[];

    @Field(() => Int, { description: "符合条件的总条数 (total matching rows)" })
    total: number;

    @Field(() => Int, { description: "页码 (page number)" })
    page: number;

    @Field(() => Int, { description: "每页条数 (page size)" })
    pageSize: number;
  }
  return PageClass;
}

export const offsetOf = (args: PageArgs) => (args.page - 1) * args.pageSize;
