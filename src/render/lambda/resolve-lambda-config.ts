// Remotion Lambda settings from flags, else environment: region, function name and serve URL (a site deployed
// with `npx remotion lambda sites create src/compositions/index.ts`). Pure: flags and env are passed in.
import { UsageError } from "../../errors";

export interface LambdaConfig {
  region: string;
  functionName: string;
  serveUrl: string;
  /** Frames each Lambda renders (null = Remotion's choice). */
  framesPerLambda: number | null;
  privacy: "public" | "private" | "no-acl";
  maxRetries: number;
  /** Base URL the sources are uploaded under (jobs without sourceUrl get base + file name). */
  sourceBaseUrl: string | null;
}

export interface LambdaConfigFlags {
  region?: string;
  functionName?: string;
  serveUrl?: string;
  framesPerLambda?: number;
  privacy?: string;
  maxRetries?: number;
  sourceBaseUrl?: string;
}

export const LAMBDA_ENV = {
  region: "SPEAKERFRAME_LAMBDA_REGION",
  functionName: "SPEAKERFRAME_LAMBDA_FUNCTION",
  serveUrl: "SPEAKERFRAME_LAMBDA_SERVE_URL",
  sourceBaseUrl: "SPEAKERFRAME_LAMBDA_SOURCE_BASE_URL",
} as const;

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const PRIVACY = ["public", "private", "no-acl"] as const;

export function resolveLambdaConfig(
  flags: LambdaConfigFlags,
  env: Record<string, string | undefined> = process.env,
): LambdaConfig {
  const region = flags.region ?? env[LAMBDA_ENV.region] ?? env.REMOTION_AWS_REGION ?? env.AWS_REGION;
  const functionName = flags.functionName ?? env[LAMBDA_ENV.functionName];
  const serveUrl = flags.serveUrl ?? env[LAMBDA_ENV.serveUrl];
  const sourceBaseUrl = flags.sourceBaseUrl ?? env[LAMBDA_ENV.sourceBaseUrl] ?? null;
  if (!region) {
    throw new UsageError(
      `--lambda needs a region: pass --lambda-region (e.g. us-east-1) or set ${LAMBDA_ENV.region}`,
    );
  }
  if (!REGION.test(region)) {
    throw new UsageError(
      `--lambda-region "${region}" is not an AWS region name like us-east-1 or eu-central-1`,
    );
  }
  if (!functionName) {
    throw new UsageError(
      `--lambda needs a function: pass --lambda-function (see \`npx remotion lambda functions ls\`) or set ${LAMBDA_ENV.functionName}`,
    );
  }
  if (!serveUrl) {
    throw new UsageError(
      `--lambda needs a site: pass --serve-url (from \`npx remotion lambda sites create src/compositions/index.ts\`) or set ${LAMBDA_ENV.serveUrl}`,
    );
  }
  if (!/^https?:\/\//.test(serveUrl)) {
    throw new UsageError(`--serve-url "${serveUrl}" must be an http(s) URL of a deployed site`);
  }
  if (sourceBaseUrl !== null && !/^https?:\/\//.test(sourceBaseUrl)) {
    throw new UsageError(`--source-base-url "${sourceBaseUrl}" must be an http(s) URL`);
  }
  const privacy = flags.privacy ?? "public";
  if (!(PRIVACY as readonly string[]).includes(privacy)) {
    throw new UsageError(`--lambda-privacy "${privacy}" is not allowed; use one of: ${PRIVACY.join(", ")}`);
  }
  const framesPerLambda = flags.framesPerLambda ?? null;
  if (framesPerLambda !== null && !(Number.isInteger(framesPerLambda) && framesPerLambda >= 4)) {
    throw new UsageError(`--frames-per-lambda "${framesPerLambda}" must be a whole number of at least 4`);
  }
  return {
    region,
    functionName,
    serveUrl,
    framesPerLambda,
    privacy: privacy as LambdaConfig["privacy"],
    maxRetries: flags.maxRetries ?? 1,
    sourceBaseUrl,
  };
}
