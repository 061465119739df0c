import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { LoaderRegistry, type LoaderDefinition } from "../loaders";

/** A loader over a fixed table that records each batch it is asked for. */
function tableLoader(table: Map<number, string>, batches: number[][]): LoaderDefinition<number, string | null> {
  return () =>
    new DataLoader(async (ids) => {
      batches.push([...ids]);
      return ids.map((id) => table.get(id) ?? null);
    });
}

describe("LoaderRegistry.prime / through", () => {
  const table = new Map([
    [1, "内科"],
    [2, "外科"],
  ]);

  it("answers a primed key synchronously, without a batch", () => {
    const batches: number[][] = [];
    const names = tableLoader(table, batches);
    const loaders = new LoaderRegistry({} as DataSource);
    loaders.prime(names, 1, "内科（本页）");
    const answer = loaders.through(names, 1, (name) => `科室：${name}`);
    expect(answer).toBe("科室：内科（本页）");
    expect(batches).toEqual([]);
  });

  it("loads a key nobody primed, in one batch with its neighbours", async () => {
    const batches: number[][] = [];
    const names = tableLoader(table, batches);
    const loaders = new LoaderRegistry({} as DataSource);
    const first = loaders.through(names, 1, (name) => name);
    const second = loaders.through(names, 2, (name) => name);
    expect(first).toBeInstanceOf(Promise);
    await expect(Promise.all([first, second])).resolves.toEqual(["内科", "外科"]);
    expect(batches).toEqual([[1, 2]]);
  });

  it("lets the newest statement's value win, in the loader and in through", async () => {
    const batches: number[][] = [];
    const names = tableLoader(table, batches);
    const loaders = new LoaderRegistry({} as DataSource);
    await expect(loaders.get(names).load(2)).resolves.toBe("外科");
    loaders.prime(names, 2, "外科（已改名）");
    await expect(loaders.get(names).load(2)).resolves.toBe("外科（已改名）");
    expect(loaders.through(names, 2, (name) => name)).toBe("外科（已改名）");
    expect(batches).toEqual([[2]]);
  });

  it("keeps requests apart: a value primed in one registry is unknown to the next", async () => {
    const batches: number[][] = [];
    const names = tableLoader(table, batches);
    new LoaderRegistry({} as DataSource).prime(names, 1, "上一个请求的值");
    await expect(new LoaderRegistry({} as DataSource).through(names, 1, (name) => name)).resolves.toBe("内科");
    expect(batches).toEqual([[1]]);
  });
});
