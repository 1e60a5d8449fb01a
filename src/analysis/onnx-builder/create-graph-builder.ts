// A thin, typed layer over onnx-proto for writing inference graphs by hand: value names are plain strings,
// initializers come from typed arrays, and symbolic dims ("B", "T") make inputs dynamic.
import { onnx, type OnnxTypes } from "./onnx-proto";

/** A fixed size, or a symbolic name for a dynamic axis. */
export type Dim = number | string;
export type ElementType = "float32" | "int64" | "uint8";

/**
 * Attribute values: an integer number is INT, number[] is INTS, a string is STRING;
 * floats must be explicit ({ float } / { floats }) because 1.0 and 1 are the same JS number.
 */
export type AttributeValue = number | number[] | string | { float: number } | { floats: number[] };

export interface NodeOptions {
  attributes?: Record<string, AttributeValue>;
  /** Output names, or how many fresh outputs to create (default 1). */
  outputs?: string[] | number;
  /** Node name; defaults to a unique name from the op type. */
  name?: string;
}

export interface GraphBuilder {
  readonly opsetVersion: number;
  /** Declares a graph input and returns its name. */
  input(name: string, dims: readonly Dim[], type?: ElementType): string;
  /** Declares `value` as a graph output under `name` (an Identity is added when the names differ). */
  output(name: string, value: string, dims?: readonly Dim[], type?: ElementType): void;
  /** Adds a weight; the name gets a numeric suffix if it is already taken. Returns the name used. */
  initializer(name: string, data: Float32Array | BigInt64Array, dims: readonly number[]): string;
  /** An int64 1-D constant (shapes, axes), shared between nodes that need the same values. */
  int64s(values: readonly number[]): string;
  /** A float32 scalar constant, shared by value. */
  scalar(value: number): string;
  /** Adds a node and returns its output names. */
  node(opType: string, inputs: readonly string[], options?: NodeOptions): string[];
  /** Adds a single-output node and returns the output name. */
  op(opType: string, inputs: readonly string[], attributes?: Record<string, AttributeValue>): string;
  uniqueName(prefix: string): string;
  toModel(metadata?: Record<string, string>): OnnxTypes.ModelProto;
  /** Serialized ModelProto bytes, ready for onnxruntime or a file. */
  serialize(metadata?: Record<string, string>): Uint8Array;
}

export interface CreateGraphBuilderOptions {
  name: string;
  /** Default 17: GRU linear_before_reset, LayerNormalization and Erf are all there. */
  opsetVersion?: number;
  docString?: string;
}

const TENSOR_TYPE: Record<ElementType, number> = { float32: 1, uint8: 2, int64: 7 };

export function createGraphBuilder(options: CreateGraphBuilderOptions): GraphBuilder {
  const opsetVersion = options.opsetVersion ?? 17;
  const used = new Set<string>();
  const counters = new Map<string, number>();
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [];
  const inputs: OnnxTypes.IValueInfoProto[] = [];
  const outputs: OnnxTypes.IValueInfoProto[] = [];
  const int64Cache = new Map<string, string>();
  const scalarCache = new Map<number, string>();

  const uniqueName = (prefix: string): string => {
    let name = prefix;
    while (used.has(name)) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      name = `${prefix}_${next}`;
    }
    used.add(name);
    return name;
  };

  const initializer = (name: string, data: Float32Array | BigInt64Array, dims: readonly number[]): string => {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length)
      throw new Error(`initializer ${name}: ${data.length} values for dims [${dims}]`);
    const unique = uniqueName(name);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    initializers.push({
      name: unique,
      dims: [...dims],
      dataType: data instanceof Float32Array ? TENSOR_TYPE.float32 : TENSOR_TYPE.int64,
      rawData: bytes,
    });
    return unique;
  };

  const node = (opType: string, nodeInputs: readonly string[], nodeOptions: NodeOptions = {}): string[] => {
    const requested = nodeOptions.outputs ?? 1;
    const nodeOutputs =
      typeof requested === "number"
        ? Array.from({ length: requested }, () => uniqueName(`${opType.toLowerCase()}_out`))
        : requested.map((name) => (name === "" ? "" : uniqueName(name)));
    nodes.push({
      opType,
      name: nodeOptions.name ?? uniqueName(opType),
      input: [...nodeInputs],
      output: nodeOutputs,
      attribute: Object.entries(nodeOptions.attributes ?? {}).map(([name, value]) => attribute(name, value)),
    });
    return nodeOutputs;
  };

  const toModel = (metadata: Record<string, string> = {}): OnnxTypes.ModelProto =>
    onnx.ModelProto.create({
      irVersion: 8,
      producerName: "speakerframe",
      opsetImport: [{ domain: "", version: opsetVersion }],
      docString: options.docString ?? "",
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: { name: options.name, node: nodes, initializer: initializers, input: inputs, output: outputs },
    });

  return {
    opsetVersion,
    input(name, dims, type = "float32") {
      if (used.has(name)) throw new Error(`graph input ${name} is already defined`);
      used.add(name);
      inputs.push(valueInfo(name, dims, type));
      return name;
    },
    output(name, value, dims, type = "float32") {
      if (name !== value) node("Identity", [value], { outputs: [name] });
      outputs.push(valueInfo(name, dims, type));
    },
    initializer,
    int64s(values) {
      const key = values.join(",");
      let name = int64Cache.get(key);
      if (!name) {
        name = initializer(
          "const_i64",
          BigInt64Array.from(values, (v) => BigInt(v)),
          [values.length],
        );
        int64Cache.set(key, name);
      }
      return name;
    },
    scalar(value) {
      let name = scalarCache.get(value);
      if (!name) {
        name = initializer("const_f32", Float32Array.of(value), []);
        scalarCache.set(value, name);
      }
      return name;
    },
    node,
    op: (opType, nodeInputs, attributes) => node(opType, nodeInputs, attributes ? { attributes } : {})[0]!,
    uniqueName,
    toModel,
    serialize: (metadata) => onnx.ModelProto.encode(toModel(metadata)).finish(),
  };
}

function valueInfo(
  name: string,
  dims: readonly Dim[] | undefined,
  type: ElementType,
): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: TENSOR_TYPE[type],
        ...(dims
          ? { shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } }
          : {}),
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === "string") return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float: ${value} } for floats`);
    return { name, type: types.INT, i: value };
  }
  if (Array.isArray(value)) {
    if (!value.every(Number.isInteger)) throw new Error(`attribute ${name}: use { floats } for float lists`);
    return { name, type: types.INTS, ints: value };
  }
  if ("float" in value) return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.FLOATS, floats: value.floats };
}
