export { addBatchNorm, type AddBatchNormOptions } from "./add-batch-norm";
export { addConv, type AddConvOptions } from "./add-conv";
export { addGelu } from "./add-gelu";
export { addGru, type AddGruOptions, type PyTorchGruWeights } from "./add-gru";
export { addLayerNorm, type AddLayerNormOptions } from "./add-layer-norm";
export { addLinear, type AddLinearOptions } from "./add-linear";
export { addMaxPool, type AddMaxPoolOptions } from "./add-max-pool";
export {
  addMultiHeadAttention,
  type AddMultiHeadAttentionOptions,
  type PyTorchMultiHeadAttentionWeights,
} from "./add-multi-head-attention";
export { addReduce, type AddReduceOptions } from "./add-reduce";
export { addSigmoidGate, type AddSigmoidGateOptions } from "./add-sigmoid-gate";
export {
  createGraphBuilder,
  type AttributeValue,
  type CreateGraphBuilderOptions,
  type Dim,
  type ElementType,
  type GraphBuilder,
  type NodeOptions,
} from "./create-graph-builder";
export { batchNormAffine, foldBatchNorm, type BatchNormParams, type FoldedWeights } from "./fold-batch-norm";
