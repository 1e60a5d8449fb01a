import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { CheckpointError, readCheckpoint } from "../src/analysis/checkpoint";
import { pickle as p, writeZip } from "./helpers/checkpoint-bytes";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const LRASD = join(SHARED_MODELS, "lrasd_finetuning_TalkSet.model");
const LIGHTASD = join(SHARED_MODELS, "lightasd_finetuning_TalkSet.model");
const TALKNET = join(FIXTURES, "talknet", "talknet_random_seed0.model");

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "speakerframe-checkpoint-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function expectOneLineError(path: string, pattern: RegExp): Promise<void> {
  const error = await readCheckpoint({ path }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckpointError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toContain(path);
  expect(message).toMatch(pattern);
}

describe("readCheckpoint on the real upstream files", () => {
  it.each([
    ["lrasd_finetuning_TalkSet.model", 168],
    ["lrasd_pretrain_AVA.model", 168],
    ["lightasd_finetuning_TalkSet.model", 192],
    ["lightasd_pretrain_AVA_CVPR.model", 192],
  ])("%s has %i tensors", async (file, count) => {
    const checkpoint = await readCheckpoint({ path: join(SHARED_MODELS, file) });
    expect(checkpoint.tensors).toHaveLength(count);
    const conv = checkpoint.byName.get("lossAV.FC.weight");
    expect(conv?.shape).toEqual([2, 128]);
    expect(conv?.data).toBeInstanceOf(Float32Array);
    const counter = checkpoint.tensors.find((t) => t.name.endsWith("num_batches_tracked"));
    expect(counter?.dtype).toBe("int64");
    expect(counter?.shape).toEqual([]);
    expect(checkpoint.metadata).toBeTypeOf("object");
  });

  it("reads LR-ASD shapes and strides", async () => {
    const checkpoint = await readCheckpoint({ path: LRASD });
    const weight = checkpoint.byName.get("model.visualEncoder.block1.s_1.weight")!;
    expect(weight.shape).toEqual([16, 1, 1, 5, 5]);
    expect(weight.strides).toEqual([25, 25, 25, 5, 1]);
    expect(checkpoint.byName.get("model.detector.gru_forward.weight_ih_l0")?.shape).toEqual([192, 256]);
  });

  it("matches every key, shape, sum and first value of the TalkNet key listing", async () => {
    const checkpoint = await readCheckpoint({ path: TALKNET });
    const rows = readFileSync(join(FIXTURES, "talknet", "talknet_random_seed0.keys.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"));
    expect(rows).toHaveLength(487);
    expect(checkpoint.tensors).toHaveLength(487);
    let worstRelative = 0;
    rows.forEach(([index, key, dtype, shape, numel, sum, first], i) => {
      const tensor = checkpoint.tensors[i]!;
      expect(Number(index)).toBe(i);
      expect(tensor.name).toBe(key);
      expect(tensor.dtype).toBe(dtype);
      expect(tensor.shape.length === 0 ? "scalar" : tensor.shape.join("x")).toBe(shape);
      expect(tensor.data.length).toBe(Number(numel));
      let total = 0;
      for (const value of tensor.data) total += Number(value);
      const expected = Number(sum);
      worstRelative = Math.max(worstRelative, Math.abs(total - expected) / Math.max(1, Math.abs(expected)));
      expect(Number(tensor.data[0])).toBeCloseTo(Number(first), 6);
    });
    console.log(`talknet: 487 keys, worst relative sum error ${worstRelative.toExponential(2)}`);
    expect(worstRelative).toBeLessThan(1e-9);
  });
});

describe("readCheckpoint on a hand-made state_dict", () => {
  it("honours storage offset and strides, shares storages, reads int64 and _metadata", async () => {
    const { op, text, int, tensor } = p;
    const pickle = Buffer.concat([
      op(0x80, 0x02),
      p.orderedDict(),
      // "t" is the transpose-like view (2,3) with strides (1,2) at offset 1 of storage 0..7.
      text("t"),
      tensor("FloatStorage", "0", 8, 1, [2, 3], [1, 2]),
      op(0x73), // SETITEM
      text("row"),
      tensor("FloatStorage", "0", 8, 5, [3], [1]),
      op(0x73),
      text("count"),
      tensor("LongStorage", "1", 1, 0, [], []),
      op(0x73),
      // BUILD with {"_metadata": {"": {"version": 1}}}
      op(0x7d),
      text("_metadata"),
      op(0x7d),
      text(""),
      op(0x7d),
      text("version"),
      int(1),
      op(0x73, 0x73, 0x73, 0x62, 0x2e), // SETITEM ×3, BUILD, STOP
    ]);
    const storage0 = Buffer.from(Float32Array.from({ length: 8 }, (_, i) => i).buffer);
    const storage1 = Buffer.from(BigInt64Array.of(7n).buffer);
    const path = join(scratch, "strided.model");
    writeZip(path, { "strided/data.pkl": pickle, "strided/data/0": storage0, "strided/data/1": storage1 });
    const checkpoint = await readCheckpoint({ path });
    expect(checkpoint.tensors.map((t) => t.name)).toEqual(["t", "row", "count"]);
    const t = checkpoint.byName.get("t")!;
    expect(t.shape).toEqual([2, 3]);
    expect(t.strides).toEqual([1, 2]);
    expect(t.storageOffset).toBe(1);
    expect([...t.data]).toEqual([1, 3, 5, 2, 4, 6]);
    expect([...checkpoint.byName.get("row")!.data]).toEqual([5, 6, 7]);
    const count = checkpoint.byName.get("count")!;
    expect(count.dtype).toBe("int64");
    expect([...count.data]).toEqual([7n]);
    expect(checkpoint.metadata).toEqual({ "": { version: 1 } });
  });
});

describe("readCheckpoint refuses what is not a state_dict", () => {
  it("gives a one-line error for a truncated checkpoint", async () => {
    const truncated = join(scratch, "truncated.model");
    const bytes = readFileSync(LIGHTASD);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(statSync(LIGHTASD).size / 2)));
    await expectOneLineError(truncated, /not a readable PyTorch zip checkpoint/);
  });

  it("gives a one-line error for a file that is not a zip", async () => {
    const notZip = join(scratch, "model.onnx");
    copyFileSync(join(SHARED_MODELS, "yunet_n_dynamic.onnx"), notZip);
    await expectOneLineError(notZip, /not a readable PyTorch zip checkpoint/);
  });

  it("gives a one-line error for a missing file", async () => {
    await expectOneLineError(join(scratch, "does-not-exist.model"), /not a readable PyTorch zip checkpoint/);
  });

  it("gives a one-line error for a zip without data.pkl", async () => {
    const path = join(scratch, "no-pickle.zip");
    writeZip(path, { "archive/version": Buffer.from("3\n") });
    await expectOneLineError(path, /no <root>\/data\.pkl/);
  });

  it("refuses a GLOBAL os.system without running it", async () => {
    const marker = join(scratch, "pwned");
    // protocol 2: GLOBAL 'os system', a one-string tuple, REDUCE, STOP.
    const command = Buffer.from(`touch ${marker}`, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(command.length);
    const pickle = Buffer.concat([
      Buffer.from([0x80, 0x02]),
      Buffer.from("cos\nsystem\n", "latin1"),
      Buffer.from("X", "latin1"),
      length,
      command,
      Buffer.from([0x85, 0x52, 0x2e]),
    ]);
    const path = join(scratch, "malicious.model");
    writeZip(path, { "evil/data.pkl": pickle });
    await expectOneLineError(path, /refusing pickle global "os\.system"/);
    expect(() => statSync(marker)).toThrow();
  });

  it("refuses builtins.eval reached through STACK_GLOBAL", async () => {
    const short = (s: string) => Buffer.concat([Buffer.from([0x8c, s.length]), Buffer.from(s, "latin1")]);
    const pickle = Buffer.concat([
      Buffer.from([0x80, 0x04]),
      short("builtins"),
      short("eval"),
      Buffer.from([0x93]),
      short("1+1"),
      Buffer.from([0x85, 0x52, 0x2e]),
    ]);
    const path = join(scratch, "eval.model");
    writeZip(path, { "archive/data.pkl": pickle });
    await expectOneLineError(path, /refusing pickle global "builtins\.eval"/);
  });

  it("refuses a truncated pickle inside a valid zip", async () => {
    const path = join(scratch, "short-pickle.model");
    writeZip(path, { "archive/data.pkl": Buffer.from([0x80, 0x02, 0x7d, 0x58, 0xff]) });
    await expectOneLineError(path, /truncated/);
  });
});
