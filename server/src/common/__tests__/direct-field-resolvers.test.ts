import path from "node:path";
import { getMetadataStorage } from "type-graphql";
import { buildAppSchema } from "../../schema";
import { ApplicationView } from "../../assessment/application.view";
import { PhysicianSummary } from "../../physicians/physician.view";
import { asInstanceOf, callPlainFieldResolversDirectly } from "../direct-field-resolvers";

/** type-graphql's own conversion of a parent (not exported; read from its build to compare with). */
const { convertToType } = require(path.join(path.dirname(require.resolve("type-graphql")), "helpers", "types.js")) as {
  convertToType: (target: unknown, data: unknown) => unknown;
};

describe("field resolvers called directly", () => {
  it("are exactly those taking only the parent, the context and info, with no middleware or @Authorized", async () => {
    const schema = await buildAppSchema();
    const plain = getMetadataStorage()
      .fieldResolvers.filter(
        (f) =>
          f.kind === "external" &&
          !f.middlewares?.length &&
          !f.roles &&
          (f.params ?? []).every(
            (p) => ["root", "context", "info"].includes(p.kind) && !("propertyName" in p && p.propertyName),
          ),
      )
      .map((f) => f.schemaName);
    const replaced = callPlainFieldResolversDirectly(schema);
    expect(replaced.length).toBe(plain.length);
    // The hot list fields are among them; a resolver with arguments to convert and validate is not.
    expect(replaced).toEqual(
      expect.arrayContaining([
        "ApplicationView.physician",
        "ApplicationView.departmentName",
        "PhysicianSummary.department",
      ]),
    );
    expect(replaced).not.toContain("ImportJob.rows");
  });

  it("answer what the method answers, with the parent converted as type-graphql converts it", async () => {
    const schema = await buildAppSchema();
    const field = (type: string, name: string) =>
      (schema.getType(type) as import("graphql").GraphQLObjectType).getFields()[name];
    const info = {} as import("graphql").GraphQLResolveInfo;
    expect(field("PhysicianSummary", "levelName").resolve!({ level: "ASSISTANT" }, {}, {}, info)).toBe("执业助理医师");
    expect(field("ApplicationView", "departmentName").resolve!({ departmentId: null }, {}, {}, info)).toBeNull();
  });

  it("convert parents exactly as type-graphql's convertToType", () => {
    const view = Object.setPrototypeOf({ id: 1 }, ApplicationView.prototype);
    const date = new Date();
    for (const [target, data] of [
      [ApplicationView, view],
      [ApplicationView, { id: 2, status: "QUALIFIED" }],
      [PhysicianSummary, { id: 3, name: "张三" }],
      [ApplicationView, [{ id: 4 }, view]],
      [ApplicationView, null],
      [ApplicationView, undefined],
      [ApplicationView, date],
      [Object, { id: 5 }],
    ] as const) {
      const ours = asInstanceOf(target as new () => object, data);
      const theirs = convertToType(target, data);
      expect(ours).toEqual(theirs);
      if (ours && typeof ours === "object") {
        const protoOf = (v: unknown) =>
          Array.isArray(v) ? v.map((x) => (x as object).constructor) : (v as object).constructor;
        expect(protoOf(ours)).toEqual(protoOf(theirs));
      }
      // An instance already is passed on as it is, as type-graphql does.
      if (data === view) expect(ours).toBe(view);
    }
  });
});
