// The process around `main`: stdin, stdout, the real clock and the API adapter from KUBECONFIG.
import { text } from 'node:stream/consumers';
import { kubeConfigFromEnvironment } from '../operations/kubernetes.js';
import { clusterApi, type ClusterApi } from './kubernetes.js';
import { main } from './main.js';

let api: ClusterApi | undefined;
const kubeConfig = () => kubeConfigFromEnvironment();

process.exitCode = await main(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  stdin: () => text(process.stdin),
  api: () => (api ??= clusterApi(kubeConfig())),
  namespace: () => {
    const config = kubeConfig();
    return config.getContextObject(config.getCurrentContext())?.namespace ?? 'default';
  },
  now: () => new Date(),
});
