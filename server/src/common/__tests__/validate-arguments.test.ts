import "reflect-metadata";
import { IsDefined, MaxLength } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { FilterText } from "../filter-text";
import { validateArguments } from "../validate-arguments";

/** The schema's validateFn: type-graphql's class-validator checks, skipped only where they could find nothing. */
class Plain {
  statuses?: string[];
}
class Filter {
  statuses?: string[];
  @FilterText("姓名", 5) name?: string;
}
class Required {
  @IsDefined({ message: "必填" }) code?: string;
  @MaxLength(3) other?: string;
}
const of = <T extends object>(type: new () => T, values: Partial<T>) => Object.assign(new type(), values);

const refusal = async (value: unknown) => {
  const err = await validateArguments(value).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArgumentValidationError);
  return (err as ArgumentValidationError).extensions.validationErrors.map((e) => Object.values(e.constraints ?? {}));
};

it("lets scalars, classes without constraints, and constrained classes with no constrained value set through", async () => {
  for (const value of [null, undefined, 5, "x", of(Plain, { statuses: ["A"] }), of(Filter, { statuses: ["A"] })])
    await expect(validateArguments(value)).resolves.toBeUndefined();
  await expect(validateArguments(of(Filter, { name: "王" }))).resolves.toBeUndefined();
});

it("refuses a constrained value that breaks its constraint, with the constraint's Chinese message", async () => {
  expect(await refusal(of(Filter, { statuses: ["A"], name: "一二三四五六" }))).toEqual([
    ["筛选条件“姓名”不能超过 5 个字符"],
  ]);
});

it("checks every item of a list argument", async () => {
  expect(await refusal([of(Filter, { name: "王" }), of(Filter, { name: "一二三四五六" })])).toHaveLength(1);
});

it("always validates a class with a constraint that holds for missing values (IsDefined)", async () => {
  expect(await refusal(of(Required, {}))).toEqual([["必填"]]);
  expect(await refusal(of(Required, { code: "a", other: "abcd" }))).toHaveLength(1);
  await expect(validateArguments(of(Required, { code: "a" }))).resolves.toBeUndefined();
});
