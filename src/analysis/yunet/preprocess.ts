// YuNet input blob, as OpenCV's FaceDetectorYN builds it: the image is zero-padded at the bottom/right only (no
// resize, no centring) up to multiples of 32, then laid out NCHW float32 BGR with raw 0..255 values. Because the
// padding is bottom/right only, network coordinates are image coordinates. Pure.

/** The network downsamples by up to 32, so both padded dimensions must be multiples of it. */
export const YUNET_SIZE_MULTIPLE = 32;

export interface PreprocessInput {
  /** Tightly packed 8-bit BGR rows (width·3 bytes per row), as ffmpeg's `-pix_fmt bgr24` writes them. */
  bgr: Uint8Array;
  /** Input px. */
  width: number;
  height: number;
  /** Optional buffer to reuse when it has exactly 3·paddedWidth·paddedHeight floats; padding is re-zeroed. */
  reuse?: Float32Array;
}

export interface YunetBlob {
  data: Float32Array;
  /** [1, 3, paddedHeight, paddedWidth] */
  dims: [1, 3, number, number];
  paddedWidth: number;
  paddedHeight: number;
}

export function paddedYunetSize(size: number): number {
  return Math.ceil(size / YUNET_SIZE_MULTIPLE) * YUNET_SIZE_MULTIPLE;
}

export function preprocess(input: PreprocessInput): YunetBlob {
  const { bgr, width, height } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`bad image size ${width}x${height}`);
  }
  if (bgr.length !== width * height * 3) {
    throw new Error(`expected ${width * height * 3} BGR bytes for ${width}x${height}, got ${bgr.length}`);
  }
  const paddedWidth = paddedYunetSize(width);
  const paddedHeight = paddedYunetSize(height);
  const plane = paddedWidth * paddedHeight;
  const reused = input.reuse?.length === 3 * plane;
  const data = reused ? input.reuse! : new Float32Array(3 * plane);

  for (let y = 0; y < height; y++) {
    let source = y * width * 3;
    let target = y * paddedWidth;
    const rowEnd = target + width;
    for (; target < rowEnd; target++, source += 3) {
      data[target] = bgr[source]!;
      data[target + plane] = bgr[source + 1]!;
      data[target + 2 * plane] = bgr[source + 2]!;
    }
  }
  if (reused && (paddedWidth > width || paddedHeight > height)) {
    // A reused buffer may hold a larger image of the same padded size: clear the right and bottom margins.
    for (let channel = 0; channel < 3; channel++) {
      const base = channel * plane;
      for (let y = 0; y < height; y++) {
        data.fill(0, base + y * paddedWidth + width, base + (y + 1) * paddedWidth);
      }
      data.fill(0, base + height * paddedWidth, base + plane);
    }
  }
  return { data, dims: [1, 3, paddedHeight, paddedWidth], paddedWidth, paddedHeight };
}
