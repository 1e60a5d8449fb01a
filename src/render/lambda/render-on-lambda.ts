// The network side of --lambda, kept thin: start the render with renderMediaOnLambda(), poll getRenderProgress(),
// download the result atomically with downloadMedia(). @remotion/lambda is imported only here, dynamically, so it
// is needed only with --lambda (it must be the same exact version as the other Remotion packages).
import { CancelledError, UserFacingError } from "../../errors";
import { withAtomicOutput } from "../../io/atomic-output";
import type { LambdaRenderRequest } from "./build-lambda-request";

interface LambdaProgress {
  done: boolean;
  overallProgress: number;
  fatalErrorEncountered: boolean;
  errors: { message: string }[];
  outputFile: string | null;
}

/** The functions used from @remotion/lambda 4.0 (typed here: the package is optional). */
export interface LambdaModule {
  renderMediaOnLambda(input: LambdaRenderRequest): Promise<{ renderId: string; bucketName: string }>;
  getRenderProgress(input: {
    renderId: string;
    bucketName: string;
    functionName: string;
    region: string;
  }): Promise<LambdaProgress>;
  downloadMedia(input: {
    bucketName: string;
    region: string;
    renderId: string;
    outPath: string;
  }): Promise<{ outputPath: string; sizeInBytes: number }>;
}

export const LAMBDA_PACKAGE = "@remotion/lambda";
const POLL_INTERVAL_MS = 2000;

async function importLambda(name: string): Promise<LambdaModule> {
  try {
    return (await import(/* @vite-ignore */ name)) as LambdaModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new UserFacingError(
        `--lambda needs ${name}, which is not installed; run \`npm install ${name}@<the version of remotion>\``,
      );
    }
    throw error;
  }
}

export interface RenderOnLambdaResult {
  renderId: string;
  bucketName: string;
  outputFile: string | null;
}

export async function renderOnLambda(input: {
  request: LambdaRenderRequest;
  /** Local file to download the result to (atomically). */
  output: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** The package to load (tests name a missing one). */
  lambdaPackage?: string;
}): Promise<RenderOnLambdaResult> {
  const lambda = await importLambda(input.lambdaPackage ?? LAMBDA_PACKAGE);
  const { request, signal } = input;
  const { renderId, bucketName } = await lambda.renderMediaOnLambda(request).catch((error: unknown) => {
    // Remotion's own explanation spans several lines; the user needs its first.
    if (/AWS_ACCESS_KEY_ID/.test((error as Error).message ?? "")) {
      throw new UserFacingError(
        "--lambda needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_ACCESS_KEY_ID and REMOTION_AWS_SECRET_ACCESS_KEY); see https://remotion.dev/docs/lambda/setup",
      );
    }
    throw error;
  });
  for (;;) {
    if (signal?.aborted) {
      throw new CancelledError(
        `stopped waiting for Lambda render ${renderId} (bucket ${bucketName}); it may still finish there`,
      );
    }
    const progress = await lambda.getRenderProgress({
      renderId,
      bucketName,
      functionName: request.functionName,
      region: request.region,
    });
    if (progress.fatalErrorEncountered) {
      const first = progress.errors[0]?.message.split("\n")[0] ?? "unknown error";
      throw new UserFacingError(`Lambda render ${renderId} failed: ${first}`);
    }
    input.onProgress?.(progress.overallProgress);
    if (progress.done) {
      await withAtomicOutput(input.output, (temp) =>
        lambda.downloadMedia({ bucketName, region: request.region, renderId, outPath: temp }),
      );
      return { renderId, bucketName, outputFile: progress.outputFile };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
