// Remotion entry point: `npx remotion studio src/compositions/index.ts`, or bundle() it from Node.
import { registerRoot } from "remotion";
import { RemotionRoot } from "./Root";

registerRoot(RemotionRoot);
