import { centralCrop, type GreyImage } from '../image/grey-image.js';
import { type MarkImageOptions, renderMarkImage } from './render-mark.js';

/**
 * The golden template matching a synthetic mark image: the central
 * `width` x `height` block of the same mark rendered centred (no shift), with
 * the same size, blur, rotation, background and contrast, but without noise or
 * illumination gradient. Registering the image against it returns the image's
 * (shiftX, shiftY).
 */
export function renderMarkTemplate(o: MarkImageOptions, width: number, height: number): GreyImage {
  const clean: MarkImageOptions = { ...o, shiftX: 0, shiftY: 0, noise: 0, gradientX: 0, gradientY: 0 };
  return centralCrop(renderMarkImage(clean), width, height);
}
