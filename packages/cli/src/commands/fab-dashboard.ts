// The dashboard (@bondline/web) served by `fab up` and `fab serve`: its built files at / when the
// package is built (npm run build), the API alone otherwise; the address is printed either way so a
// person knows where to look, or what to build.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningFabApi, type StartFabApiOptions, startFabApi } from '@bondline/fab';

/** The dashboard's built files (@bondline/web's dist/), or undefined when they are not built. */
async function dashboardRoot(): Promise<string | undefined> {
  let manifest: string;
  try {
    manifest = fileURLToPath(import.meta.resolve('@bondline/web/package.json'));
  } catch {
    return undefined;
  }
  const dist = join(dirname(manifest), 'dist');
  const index = await stat(join(dist, 'index.html')).catch(() => undefined);
  return index?.isFile() === true ? dist : undefined;
}

/** `startFabApi` with the dashboard at / when it is built; prints `dashboard: <url>/` once listening. */
export async function startFabApiWithDashboard(options: StartFabApiOptions): Promise<RunningFabApi> {
  const webRoot = await dashboardRoot();
  const api = await startFabApi(webRoot === undefined ? options : { ...options, webRoot });
  process.stdout.write(
    webRoot === undefined
      ? 'dashboard: not built (npm run build builds packages/web)\n'
      : `dashboard: ${api.url}/\n`,
  );
  return api;
}
