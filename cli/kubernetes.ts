// A thin adapter over @kubernetes/client-node's KubeConfig for the few calls the command-line tool makes:
// get, list by labels and JSON merge patch of any kind in resources.ts. It sends the requests itself
// (authenticated and TLS-configured by the KubeConfig) so objects come back exactly as the API server
// wrote them, not rebuilt into the client's typed models. Errors are the operations adapter's
// KubernetesError: method, path, status and the API's own message, never a credential or a body.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubernetesError, kubeConfigFromEnvironment, labelSelector, statusOf } from '../operations/kubernetes.js';
import type { KubeObject } from '../schemas/hook.js';
import { resourcePath, type Resource } from './resources.js';

export interface ClusterApi {
  get(resource: Resource, namespace: string, name: string): Promise<KubeObject>;
  /** Every object of the kind in the namespace carrying all these labels. */
  list(resource: Resource, namespace: string, labels: Record<string, string>): Promise<KubeObject[]>;
  /** A JSON merge patch (a null value removes a key). */
  patch(resource: Resource, namespace: string, name: string, patch: object): Promise<KubeObject>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function clusterApi(config: KubeConfig = kubeConfigFromEnvironment(), timeoutMs = DEFAULT_TIMEOUT_MS): ClusterApi {
  async function send(method: string, path: string, body?: object): Promise<unknown> {
    const what = `${method} ${path.split('?')[0]}`;
    const server = config.getCurrentCluster()?.server;
    if (!server) throw new KubernetesError(what, undefined, undefined, 'the kubeconfig names no current cluster');
    const url = new URL(`${server.replace(/\/+$/, '')}${path}`);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const options: RequestOptions = {
      method,
      headers: { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/merge-patch+json' }) },
    };
    await config.applyToHTTPSOptions(options);
    // The KubeConfig's agent speaks TLS; a plain-HTTP server (a local proxy, the tests' replay) needs none.
    if (url.protocol === 'http:') delete options.agent;
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = send(url, { ...options, signal: AbortSignal.timeout(timeoutMs) }, (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        answer.on('error', reject);
      });
      request.on('error', (error: Error) => reject(new KubernetesError(what, undefined, undefined, error.name === 'AbortError' ? 'no answer in time' : error.message)));
      request.end(payload);
    });
    if (response.status >= 400) {
      const status = statusOf(response.text);
      throw new KubernetesError(what, response.status, status.reason, status.message ?? (response.status === 401 ? 'Unauthorized' : '(no message)'));
    }
    try {
      return JSON.parse(response.text);
    } catch {
      throw new KubernetesError(what, response.status, undefined, 'the answer is not JSON');
    }
  }

  return {
    async get(resource, namespace, name) {
      return (await send('GET', resourcePath(resource, namespace, name))) as KubeObject;
    },
    async list(resource, namespace, labels) {
      const query = Object.keys(labels).length > 0 ? `?labelSelector=${encodeURIComponent(labelSelector(labels))}` : '';
      const list = (await send('GET', `${resourcePath(resource, namespace)}${query}`)) as { items?: KubeObject[] };
      // A list's items carry neither apiVersion nor kind.
      return (list.items ?? []).map((item) => ({ ...item, apiVersion: resource.apiVersion, kind: resource.kind }));
    },
    async patch(resource, namespace, name, patch) {
      return (await send('PATCH', resourcePath(resource, namespace, name), patch)) as KubeObject;
    },
  };
}
