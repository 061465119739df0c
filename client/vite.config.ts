import { readFileSync } from "node:fs";
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
    chunkSizeWarningLimit: 900,
  },
}));
