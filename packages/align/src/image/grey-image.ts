/**
 * A greyscale image: row-major samples, `data[y * width + x]`, pixel (x, y)
 * centred at integer coordinates, x to the right and y down. Sample values are
 * unitless intensities; images read from PNG are scaled to 0..1.
 */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float64Array;
}

/** A new image of `width` x `height` pixels, filled with `fill` (default 0). */
export function createGreyImage(width: number, height: number, fill = 0): GreyImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  const data = new Float64Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

/** Copy of the `width` x `height` block whose top-left pixel is (`x0`, `y0`); it must lie inside `image`. */
export function cropGreyImage(
  image: GreyImage,
  x0: number,
  y0: number,
  width: number,
  height: number,
): GreyImage {
  if (x0 < 0 || y0 < 0 || x0 + width > image.width || y0 + height > image.height) {
    throw new RangeError(
      `crop ${width}x${height} at (${x0}, ${y0}) lies outside the ${image.width}x${image.height} image`,
    );
  }
  const out = createGreyImage(width, height);
  for (let y = 0; y < height; y++) {
    const src = (y0 + y) * image.width + x0;
    out.data.set(image.data.subarray(src, src + width), y * width);
  }
  return out;
}

/** The central `width` x `height` block of `image` (for odd margins the extra pixel goes right/down). */
export function centralCrop(image: GreyImage, width: number, height: number): GreyImage {
  return cropGreyImage(
    image,
    Math.floor((image.width - width) / 2),
    Math.floor((image.height - height) / 2),
    width,
    height,
  );
}
