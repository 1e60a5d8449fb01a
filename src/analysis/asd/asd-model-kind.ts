/** The two upstream active-speaker architectures the project can build from their checkpoints. */
export type AsdModelKind = "lrasd" | "lightasd";

export const ASD_MODEL_KINDS: readonly AsdModelKind[] = ["lrasd", "lightasd"];

/** Both models: BatchNorm eps (every BN in both backbones), frame size and the in-graph pixel normalisation. */
export const ASD_BATCH_NORM_EPS = 0.001;
export const ASD_CROP_SIZE_PX = 112;
export const ASD_PIXEL_MEAN = 0.4161;
export const ASD_PIXEL_STD = 0.1688;
export const ASD_EMBED_SIZE = 128;
export const ASD_MFCC_COEFFICIENTS = 13;
/** MFCC frames per video frame (100 fps audio features, 25 fps video). */
export const ASD_MFCC_PER_VIDEO_FRAME = 4;
