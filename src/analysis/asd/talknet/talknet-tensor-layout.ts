// The state_dict layout of TaoRuijie/TalkNet-ASD's `talkNet` wrapper (what `saveParameters` writes), generated
// from the architecture rather than listed by hand, in the file order torch writes it.

export type TalknetTensorRole =
  /** Read by the inference graph. */
  | "inference"
  /** Present in a saved file but not needed for inference (training heads, unused shortcut, BN counters). */
  | "unused";

export interface TalknetTensorSpec {
  name: string;
  /** [] for a scalar. */
  shape: number[];
  dtype: "float32" | "int64";
  role: TalknetTensorRole;
}

/** Visual ResNet-18 stages: [name, in, out]. */
const VISUAL_STAGES: ReadonlyArray<readonly [string, number, number]> = [
  ["layer1", 64, 64],
  ["layer2", 64, 128],
  ["layer3", 128, 256],
  ["layer4", 256, 512],
];
/** Audio SE-ResNet stages: [name, blocks, in, out, first-block stride]. */
export const TALKNET_AUDIO_STAGES: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ["layer1", 3, 16, 16, 1],
  ["layer2", 4, 16, 32, 2],
  ["layer3", 6, 32, 64, 2],
  ["layer4", 3, 64, 128, 1],
];
export const TALKNET_TCN_BLOCKS = 5;

/** Every tensor of a TalkNet checkpoint (487 entries), with the names `talkNet.loadParameters` expects. */
export function talknetTensorLayout(): TalknetTensorSpec[] {
  const specs: TalknetTensorSpec[] = [];
  const add = (name: string, shape: number[], role: TalknetTensorRole = "inference") =>
    specs.push({ name, shape, dtype: "float32", role });
  const batchNorm = (prefix: string, channels: number) => {
    for (const field of ["weight", "bias", "running_mean", "running_var"])
      add(`${prefix}.${field}`, [channels]);
    specs.push({ name: `${prefix}.num_batches_tracked`, shape: [], dtype: "int64", role: "unused" });
  };

  const vf = "model.visualFrontend";
  add(`${vf}.frontend3D.0.weight`, [64, 1, 5, 7, 7]);
  batchNorm(`${vf}.frontend3D.1`, 64);
  for (const [stage, cin, cout] of VISUAL_STAGES) {
    const p = `${vf}.resnet.${stage}`;
    add(`${p}.conv1a.weight`, [cout, cin, 3, 3]);
    batchNorm(`${p}.bn1a`, cout);
    add(`${p}.conv2a.weight`, [cout, cout, 3, 3]);
    // layer1 has stride 1, so its shortcut is the identity and this weight is saved but never applied.
    add(`${p}.downsample.weight`, [cout, cin, 1, 1], stage === "layer1" ? "unused" : "inference");
    batchNorm(`${p}.outbna`, cout);
    add(`${p}.conv1b.weight`, [cout, cout, 3, 3]);
    batchNorm(`${p}.bn1b`, cout);
    add(`${p}.conv2b.weight`, [cout, cout, 3, 3]);
    batchNorm(`${p}.outbnb`, cout);
  }

  for (let i = 0; i < TALKNET_TCN_BLOCKS; i++) {
    const p = `model.visualTCN.net.${i}.net`;
    batchNorm(`${p}.1`, 512);
    add(`${p}.2.weight`, [512, 1, 3]);
    add(`${p}.3.weight`, [1]);
    add(`${p}.4.gamma`, [1, 512, 1]);
    add(`${p}.4.beta`, [1, 512, 1]);
    add(`${p}.5.weight`, [512, 512, 1]);
  }
  add("model.visualConv1D.net.0.weight", [256, 512, 5]);
  add("model.visualConv1D.net.0.bias", [256]);
  batchNorm("model.visualConv1D.net.1", 256);
  add("model.visualConv1D.net.3.weight", [128, 256, 1]);
  add("model.visualConv1D.net.3.bias", [128]);

  const ae = "model.audioEncoder";
  add(`${ae}.conv1.weight`, [16, 1, 7, 7]);
  batchNorm(`${ae}.bn1`, 16);
  for (const [stage, blocks, cin, cout, stride] of TALKNET_AUDIO_STAGES) {
    for (let b = 0; b < blocks; b++) {
      const p = `${ae}.${stage}.${b}`;
      const blockIn = b === 0 ? cin : cout;
      add(`${p}.conv1.weight`, [cout, blockIn, 3, 3]);
      batchNorm(`${p}.bn1`, cout);
      add(`${p}.conv2.weight`, [cout, cout, 3, 3]);
      batchNorm(`${p}.bn2`, cout);
      add(`${p}.se.fc.0.weight`, [cout / 8, cout]);
      add(`${p}.se.fc.0.bias`, [cout / 8]);
      add(`${p}.se.fc.2.weight`, [cout, cout / 8]);
      add(`${p}.se.fc.2.bias`, [cout]);
      if (b === 0 && (stride !== 1 || blockIn !== cout)) {
        add(`${p}.downsample.0.weight`, [cout, blockIn, 1, 1]);
        batchNorm(`${p}.downsample.1`, cout);
      }
    }
  }

  for (const [layer, d] of [
    ["crossA2V", 128],
    ["crossV2A", 128],
    ["selfAV", 256],
  ] as const) {
    const p = `model.${layer}`;
    add(`${p}.self_attn.in_proj_weight`, [3 * d, d]);
    add(`${p}.self_attn.in_proj_bias`, [3 * d]);
    add(`${p}.self_attn.out_proj.weight`, [d, d]);
    add(`${p}.self_attn.out_proj.bias`, [d]);
    add(`${p}.linear1.weight`, [4 * d, d]);
    add(`${p}.linear1.bias`, [4 * d]);
    add(`${p}.linear2.weight`, [d, 4 * d]);
    add(`${p}.linear2.bias`, [d]);
    for (const norm of ["norm1", "norm2"]) {
      add(`${p}.${norm}.weight`, [d]);
      add(`${p}.${norm}.bias`, [d]);
    }
  }

  add("lossAV.FC.weight", [2, 256]);
  add("lossAV.FC.bias", [2]);
  for (const head of ["lossA", "lossV"]) {
    add(`${head}.FC.weight`, [2, 128], "unused");
    add(`${head}.FC.bias`, [2], "unused");
  }
  return specs;
}
