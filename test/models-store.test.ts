import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
  mkdirSync,
  readdirSync,
  chmodSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fetchModels } from "../src/analysis/models/fetch-models";
import { listModels } from "../src/analysis/models/list-models";
import { MODEL_MANIFEST } from "../src/analysis/models/model-manifest";
import { ModelStoreError, verifiedModelPath } from "../src/analysis/models/model-cache";
import { SHARED_MODELS } from "./helpers/paths";

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const small = "yunet_s_dynamic.onnx";

describe("model store", () => {
  it("lists every model the product uses, with pinned URLs and licences", () => {
    const files = MODEL_MANIFEST.files.map((f) => f.file);
    for (const needed of [
      "yunet_n_dynamic.onnx",
      "yunet_s_dynamic.onnx",
      "lrasd_finetuning_TalkSet.model",
      "lrasd_pretrain_AVA.model",
      "lightasd_finetuning_TalkSet.model",
      "lightasd_pretrain_AVA_CVPR.model",
      "silero_vad_v6.onnx",
    ]) {
      expect(files).toContain(needed);
    }
    for (const entry of MODEL_MANIFEST.files) {
      // A pinned commit on GitHub, or a versioned npm package tarball with the file's path inside it.
      if (entry.archiveMember) {
        expect(entry.url).toMatch(
          /^https:\/\/registry\.npmjs\.org\/(@[\w.-]+\/)?[\w.-]+\/-\/[\w.-]+-\d+\.\d+\.\d+\.tgz$/,
        );
        expect(entry.archiveMember).toMatch(/^package\//);
      } else expect(entry.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/raw\/[0-9a-f]{12,40}\//);
      expect(entry.license.length).toBeGreaterThan(2);
    }
  });

  it("fetches every file from the mirror with sha256 checks, then skips what is present", async () => {
    const cacheDir = tempDir("sf-cache-");
    const first = await fetchModels({ cacheDir, mirrorDir: SHARED_MODELS });
    expect(first.fetched.sort()).toEqual(MODEL_MANIFEST.files.map((f) => f.file).sort());
    const second = await fetchModels({ cacheDir, mirrorDir: SHARED_MODELS });
    expect(second.fetched).toEqual([]);
    expect(second.present.length).toBe(MODEL_MANIFEST.files.length);
    const listed = await listModels({ cacheDir });
    expect(listed.every((m) => m.status === "valid")).toBe(true);
    // Nothing but the model files: no temp files left behind.
    expect(readdirSync(cacheDir).sort()).toEqual(MODEL_MANIFEST.files.map((f) => f.file).sort());
  });

  it("refuses a tampered mirror file, naming the file and both hashes, and writes nothing", async () => {
    const mirror = tempDir("sf-mirror-");
    const bytes = readFileSync(join(SHARED_MODELS, small));
    bytes[1000] = bytes[1000]! ^ 0xff;
    writeFileSync(join(mirror, small), bytes);
    const cacheDir = tempDir("sf-cache-");
    const error = (await fetchModels({ cacheDir, mirrorDir: mirror, files: [small] }).catch(
      (e) => e,
    )) as Error;
    expect(error).toBeInstanceOf(ModelStoreError);
    const entry = MODEL_MANIFEST.files.find((f) => f.file === small)!;
    expect(error.message).toContain(small);
    expect(error.message).toContain(`expected ${entry.sha256}`);
    expect(error.message).toMatch(/has sha256 [0-9a-f]{64}/);
    expect(error.message).not.toContain("\n");
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("refuses a truncated mirror file and a missing one", async () => {
    const mirror = tempDir("sf-mirror-");
    const bytes = readFileSync(join(SHARED_MODELS, small));
    writeFileSync(join(mirror, small), bytes.subarray(0, 1000));
    const cacheDir = tempDir("sf-cache-");
    await expect(fetchModels({ cacheDir, mirrorDir: mirror, files: [small] })).rejects.toThrow(
      /is 1000 bytes, expected 237823/,
    );
    await expect(
      fetchModels({ cacheDir, mirrorDir: mirror, files: ["yunet_n_dynamic.onnx"] }),
    ).rejects.toThrow(/has no yunet_n_dynamic\.onnx \(expected sha256 104ee26c/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("detects a cached file that was tampered with after fetching", async () => {
    const cacheDir = tempDir("sf-cache-");
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(join(SHARED_MODELS, small), join(cacheDir, small));
    await expect(verifiedModelPath(small, cacheDir)).resolves.toBe(join(cacheDir, small));
    const bytes = readFileSync(join(cacheDir, small));
    bytes[10] = bytes[10]! ^ 1;
    writeFileSync(join(cacheDir, small), bytes);
    await expect(verifiedModelPath(small, cacheDir)).rejects.toThrow(
      /sha256 .* expected daede240.*models fetch/,
    );
    const listed = await listModels({ cacheDir });
    expect(listed.find((m) => m.file === small)!.status).toBe("corrupt");
    await expect(verifiedModelPath("yunet_n_dynamic.onnx", cacheDir)).rejects.toThrow(
      /missing from .*models fetch/,
    );
  });

  it("says so when the cache folder cannot be written", async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; use a path below a regular file instead.
      const file = join(tempDir("sf-ro-"), "not-a-dir");
      writeFileSync(file, "x");
      await expect(
        fetchModels({ cacheDir: join(file, "cache"), mirrorDir: SHARED_MODELS, files: [small] }),
      ).rejects.toThrow(/model cache .*not-a-dir\/cache is not writable \(ENOTDIR\); pass --cache DIR/);
      return;
    }
    const dir = tempDir("sf-ro-");
    chmodSync(dir, 0o500);
    await expect(
      fetchModels({ cacheDir: join(dir, "cache"), mirrorDir: SHARED_MODELS, files: [small] }),
    ).rejects.toThrow(/is not writable/);
  });
});
