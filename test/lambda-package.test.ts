// @remotion/lambda is an optional peer dependency (installed here as a dev dependency by `npm ci`): the request
// speakerframe builds and the functions it calls are checked against the package's own types (`npm run
// typecheck` compiles this file), and the package is the same Remotion version as the others.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AwsRegion, RenderMediaOnLambdaInput } from "@remotion/lambda";
import { describe, expect, it } from "vitest";
import type { LambdaRenderRequest } from "../src/render/lambda/build-lambda-request";
import { LAMBDA_PACKAGE, type LambdaModule } from "../src/render/lambda/render-on-lambda";
import { REPO_ROOT } from "./helpers/paths";

/** Compile-time: every field speakerframe sets is one renderMediaOnLambda() takes, with the same type. */
export function asLambdaInput(request: LambdaRenderRequest): RenderMediaOnLambdaInput {
  // The region is checked at run time (resolveLambdaConfig); Remotion types it as a union of names.
  return { ...request, region: request.region as AwsRegion };
}

/** A function type whose input's `region` is Remotion's AwsRegion instead of a string. */
type AwsRegional<F> = F extends (input: infer I) => infer R
  ? (input: Omit<I, "region"> & { region: AwsRegion }) => R
  : never;

describe("@remotion/lambda", () => {
  const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));

  it("is an optional peer dependency pinned to the Remotion version", () => {
    const remotion = packageJson.devDependencies["@remotion/renderer"];
    expect(packageJson.peerDependencies[LAMBDA_PACKAGE]).toBe(remotion);
    expect(packageJson.peerDependenciesMeta[LAMBDA_PACKAGE]).toEqual({ optional: true });
    expect(packageJson.devDependencies[LAMBDA_PACKAGE]).toBe(remotion);
    const installed = JSON.parse(
      readFileSync(join(REPO_ROOT, "node_modules", LAMBDA_PACKAGE, "package.json"), "utf8"),
    );
    expect(installed.version).toBe(remotion);
  });

  it("provides the functions render-on-lambda calls, with matching types", async () => {
    const real = await import("@remotion/lambda");
    // Compile-time: the real functions accept what render-on-lambda passes (regions narrowed) and return at
    // least what it reads.
    const lambda: { [K in keyof LambdaModule]: AwsRegional<LambdaModule[K]> } = real;
    expect(typeof lambda.renderMediaOnLambda).toBe("function");
    expect(typeof lambda.getRenderProgress).toBe("function");
    expect(typeof lambda.downloadMedia).toBe("function");
  });
});
