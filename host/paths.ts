// Finds the package's own files (wasm builds, profiles) whether run from dist/ or from source.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Root folder of the uvp-float package (the one holding its package.json). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
      if (name === "uvp-float") return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("uvp-float: cannot find the package root above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
