// Bars in rendered frames: how many lines at each edge are one colour (every channel within `tolerance` levels
// along the whole line). Issue 20's acceptance: fewer than 1 % of the height (rows) or width (columns). Encoded
// padding is flat to a few levels; 8 keeps a plain shirt at the frame's edge (10+ levels of shading) from counting.
export interface EdgeBands {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function edgeBands(rgb: Uint8Array, width: number, height: number, tolerance = 8): EdgeBands {
  const uniform = (pixels: number[]) => {
    for (let ch = 0; ch < 3; ch++) {
      let min = 255;
      let max = 0;
      for (const p of pixels) {
        const v = rgb[3 * p + ch]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > tolerance) return false;
    }
    return true;
  };
  const row = (y: number) => Array.from({ length: width }, (_, x) => y * width + x);
  const column = (x: number) => Array.from({ length: height }, (_, y) => y * width + x);
  const count = (line: (i: number) => number[], order: number[]) => {
    let n = 0;
    while (n < order.length && uniform(line(order[n]!))) n++;
    return n;
  };
  const ys = Array.from({ length: height }, (_, i) => i);
  const xs = Array.from({ length: width }, (_, i) => i);
  return {
    top: count(row, ys),
    bottom: count(row, [...ys].reverse()),
    left: count(column, xs),
    right: count(column, [...xs].reverse()),
  };
}

/** Whether a frame has a band of at least 1 % of its height or width at an edge. */
export function hasEdgeBand(bands: EdgeBands, width: number, height: number): boolean {
  return (
    Math.max(bands.top, bands.bottom) >= 0.01 * height || Math.max(bands.left, bands.right) >= 0.01 * width
  );
}
