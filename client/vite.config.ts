import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { fileURLToPath, URL } from "node:url";
import vue from "@vitejs/plugin-vue";
import Components from "unplugin-vue-components/vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";
import { defineConfig, type Plugin } from "vite";

// In development the API runs on :4000 (npm run dev -w server); the console is served by Vite and
// proxies the API paths (GraphQL, signed files and certificate images, import templates) so that the session cookie stays first-party (changeOrigin false keeps the Host).
const api = "http://localhost:4000";
const proxied = { target: api, changeOrigin: false };

/**
 * The build ships the console's operations as dist/persisted-operations.json (sha256 → document), the
 * allow-list for the server's PERSISTED_OPERATIONS_FILE. Codegen writes it (see codegen.ts); a build
 * without it fails rather than ship a console the locked-down server would refuse.
 */
function persistedOperations(): Plugin {
  const source = fileURLToPath(new URL("./src/gql/persisted-documents.json", import.meta.url));
  return {
    name: "pa-persisted-operations",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "persisted-operations.json", source: readFileSync(source, "utf8") });
    },
  };
}

/**
 * Precompresses the text files of the build (brotli at its highest quality and gzip) next to each original, so
 * that the server sends `x.js.br` / `x.js.gz` without compressing anything per request (see the server's
 * static-files.ts). A copy is kept only when it is smaller than the original.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "pa-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        const source = readFileSync(file);
        if (source.length < 1024) continue;
        const br = brotliCompressSync(source, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length },
        });
        const gz = gzipSync(source, { level: 9 });
        if (br.length < source.length) writeFileSync(`${file}.br`, br);
        if (gz.length < source.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  // Apollo Client 3 keeps its development checks and messages unless __DEV__ is false in the bundle.
  define: command === "build" ? { "globalThis.__DEV__": "false" } : {},
  plugins: [
    vue(),
    // Element Plus components are imported on demand (with their CSS) from the templates.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: "css" })],
      dts: "components.d.ts",
    }),
    persistedOperations(),
    precompress(),
  ],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      "/graphql": proxied,
      "/files": proxied,
      "/certificates": proxied,
      "/templates": proxied,
      "/healthz": proxied,
    },
  },
  preview: {
    proxy: {
      "/graphql": proxied,
      "/files": proxied,
      "/certificates": proxied,
      "/templates": proxied,
      "/healthz": proxied,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // ExcelJS (~930 kB) is the largest chunk; it loads only when a table is exported.
    chunkSizeWarningLimit: 1000,
  },
}));
