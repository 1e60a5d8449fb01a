// The ONNX face descriptor built from face-api.js's TFJS weights against face-api's own output (golden numbers made
// by scripts/make-face-embedding-golden.mjs with @vladmandic/face-api 1.7.15 on the pure-JS tfjs CPU backend).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createFaceEmbedder } from "../src/analysis/face-embedding/create-face-embedder";
import { SYSTEM_FFMPEG } from "./helpers/derived-media";
import { SHARED_MEDIA } from "./helpers/paths";
// @ts-expect-error plain JS module shared with the golden script
import { goldenInputs } from "../scripts/face-embedding-golden-inputs.mjs";

interface GoldenCase {
  name: string;
  inputSha256: string;
  descriptor: number[];
}
const golden = JSON.parse(
  readFileSync(new URL("./fixtures/face-embedding-golden.json", import.meta.url), "utf8"),
) as { cases: GoldenCase[] };

describe("face embedding parity with face-api.js", () => {
  it("reproduces computeFaceDescriptor to 1e-4", async () => {
    const inputs = goldenInputs({
      mediaDir: SHARED_MEDIA,
      run: (args: string[]) => execFileSync(SYSTEM_FFMPEG, args, { maxBuffer: 1 << 26 }),
    }) as { name: string; rgb: Uint8Array }[];
    const embedder = await createFaceEmbedder({ cacheDir: process.env.SPEAKERFRAME_MODEL_CACHE });
    try {
      const descriptors = await embedder.describe(inputs.map((i) => i.rgb));
      let worst = 0;
      inputs.forEach((input, i) => {
        const expected = golden.cases.find((c) => c.name === input.name)!;
        expect(createHash("sha256").update(input.rgb).digest("hex"), `${input.name} input`).toBe(
          expected.inputSha256,
        );
        const got = descriptors[i]!;
        for (let k = 0; k < 128; k++) worst = Math.max(worst, Math.abs(got[k]! - expected.descriptor[k]!));
      });
      console.log(
        `face embedding parity: max |onnx - face-api| = ${worst.toExponential(2)} over ${inputs.length} inputs`,
      );
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await embedder.release();
    }
  });
});
