// The TypeORM DataSource of the product, for tools that expect one at the repository root
// (e.g. `npx typeorm-ts-node-commonjs -d ormconfig.ts migration:show`). The application builds the same
// options in server/src/db/data-source.ts: DATABASE_URL=mysql://… uses MySQL/MariaDB with committed
// migrations (DB_FLAVOUR=mariadb when the server is MariaDB; the app detects it itself); without it,
// the embedded SQLite file (SQLITE_PATH, default data/app.sqlite).
import "reflect-metadata";
import { DataSource } from "typeorm";
import { loadConfig } from "./server/src/config";
import { dataSourceOptions } from "./server/src/db/data-source";
import { entities } from "./server/src/entities";

export default new DataSource(
  dataSourceOptions(
    { ...loadConfig(), entities },
    undefined,
    process.env.DB_FLAVOUR === "mariadb" ? "mariadb" : "mysql",
  ),
);
