// Fills public/demo/ for Studio's demo props:
//   npx vite-node src/compositions/demo/prepare-demo-cli.ts [sharedMediaDir] [publicDir]
// Defaults: $SPEAKERFRAME_SHARED/media (or ../shared/media beside the checkout) and ./public.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDemo } from "./prepare-demo";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
// node passes [node, script, ...args]; vite-node passes [node, vite-node, ...args].
const args = process.argv.slice(2);
const sharedMediaDir =
  args[0] ?? join(process.env.SPEAKERFRAME_SHARED ?? resolve(root, "../shared"), "media");
const written = prepareDemo({ sharedMediaDir, publicDir: args[1] ?? join(root, "public") });
console.log(`demo files:\n${written.join("\n")}`);
