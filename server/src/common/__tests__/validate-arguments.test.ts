import "reflect-metadata";
import { IsDefined, Max, MaxLength, Min, ValidateIf, validate } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { FilterText } from "../filter-text";
import { surelyValid, validateArguments } from "../validate-arguments";

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

describe("the fast path: constraints that surely hold skip class-validator, anything else is its answer", () => {
  class Paging {
    @Min(1, { message: "页码必须大于等于 1" }) page = 1;
    @Min(1) @Max(100, { message: "每页条数不能超过 100" }) pageSize = 20;
  }
  class Tags {
    @MaxLength(3, { each: true }) tags?: string[];
  }
  class WhenAsked {
    @ValidateIf((o: WhenAsked) => o.asked === true) @IsDefined({ message: "要求时必填" }) answer?: string;
    asked?: boolean;
  }
  const cases: [string, object][] = [
    ["valid paging", of(Paging, { page: 3, pageSize: 100 })],
    ["page 0", of(Paging, { page: 0 })],
    ["page size 101", of(Paging, { pageSize: 101 })],
    ["a filter text at its limit", of(Filter, { name: "一二三四五" })],
    ["a filter text over its limit", of(Filter, { name: "一二三四五六" })],
    ["IsDefined missing", of(Required, {})],
    ["IsDefined set", of(Required, { code: "a" })],
    ["each item short", of(Tags, { tags: ["ab", "c"] })],
    ["one item long", of(Tags, { tags: ["ab", "abcd"] })],
    ["condition off", of(WhenAsked, { asked: false })],
    ["condition on, missing", of(WhenAsked, { asked: true })],
    ["condition on, set", of(WhenAsked, { asked: true, answer: "是" })],
  ];

  it.each(cases)("%s: the same outcome and messages as class-validator", async (_label, value) => {
    const expected = (await validate(value, { skipMissingProperties: true, forbidUnknownValues: false })).map((e) =>
      Object.values(e.constraints ?? {}),
    );
    if (expected.length) expect(await refusal(value)).toEqual(expected);
    else await expect(validateArguments(value)).resolves.toBeUndefined();
  });

  it("takes the fast path only where every constraint was checked and held", () => {
    expect(surelyValid(of(Paging, { page: 3 }))).toBe(true);
    expect(surelyValid(of(Filter, { name: "王" }))).toBe(true);
    expect(surelyValid(of(WhenAsked, { asked: false }))).toBe(true);
    expect(surelyValid(of(Paging, { page: 0 }))).toBe(false);
    expect(surelyValid(of(Required, {}))).toBe(false);
    // `each` on a list is left to class-validator, even when every item holds.
    expect(surelyValid(of(Tags, { tags: ["ab"] }))).toBe(false);
  });
});
