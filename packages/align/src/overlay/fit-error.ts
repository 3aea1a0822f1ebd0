/** Why a wafer could not be fitted. Expected failure, returned as a value. */
export interface OverlayFitError {
  code: 'too-few-sites' | 'degenerate-layout' | 'duplicate-site' | 'missing-field-coordinates';
  wafer: string;
  message: string;
}

export function fitError(code: OverlayFitError['code'], wafer: string, detail: string): OverlayFitError {
  return { code, wafer, message: `wafer ${wafer}: ${detail}` };
}
