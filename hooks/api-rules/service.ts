// The API server's rules for Services and Endpoints (pkg/apis/core/validation ValidateService,
// ValidateEndpoints). Not checked: which node ports are free, the cluster's node port range
// (--service-node-port-range) and its Service IP ranges.
import { isIP } from 'node:net';
import { CIDR } from '../../schemas/patterns.js';
import { portNumberOrName, PROTOCOLS } from './container.js';
import { dns1035Label, dns1123Label, dns1123Subdomain, portNumber, qualifiedName } from './identifiers.js';
import { labelProblems, metadataProblems } from './metadata.js';
import { fields, items, oneOf, textOf, type Fields, type Problems } from './problems.js';

const SERVICE_TYPES: ReadonlySet<string> = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
const SESSION_AFFINITIES: ReadonlySet<string> = new Set(['None', 'ClientIP']);
const TRAFFIC_POLICIES: ReadonlySet<string> = new Set(['Cluster', 'Local']);
const CIDR_TEXT = new RegExp(CIDR);
const TRAILING_DOT = /\.$/;
const IPV4_SPECIAL = /^(0\.0\.0\.0|127\.|169\.254\.|224\.0\.0\.)/;
const IPV6_SPECIAL = /^(::1?|fe[89ab][0-9a-f]:.*|ff02:.*)$/i;

export function serviceProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1035Label);
  const spec = fields(object.spec);
  const type = spec.type ?? 'ClusterIP';
  oneOf(p, spec.type, 'spec.type', SERVICE_TYPES);
  const headless = spec.clusterIP === 'None';
  const ports = items(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') p.add('spec.ports', 'must have at least one port');
  const names = new Set<string>();
  const numbers = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((entry, i) => {
    const port = fields(entry);
    const at = `spec.ports[${i}]`;
    const name = textOf(port.name) ?? '';
    if (name === '') {
      if (ports.length > 1) p.add(`${at}.name`, 'is required when the Service has more than one port');
    } else {
      p.checkField(at, 'name', dns1123Label(name));
      if (names.has(name)) p.add(`${at}.name`, `duplicates the name of another port (${name})`);
      names.add(name);
    }
    const protocol = textOf(port.protocol) ?? 'TCP';
    oneOf(p, port.protocol, `${at}.protocol`, PROTOCOLS);
    if (typeof port.port !== 'number') p.add(`${at}.port`, 'is required');
    else p.checkField(at, 'port', portNumber(port.port));
    const key = `${protocol}/${String(port.port)}`;
    if (numbers.has(key)) p.add(at, `duplicates another port with the same port and protocol (${key})`);
    numbers.add(key);
    // targetPort defaults to port.
    if (port.targetPort !== undefined) portNumberOrName(p, port.targetPort, `${at}.targetPort`);
    // Which node ports are free depends on the cluster's --service-node-port-range: only the port range is checked.
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (typeof port.nodePort !== 'number') p.add(`${at}.nodePort`, 'must be an integer');
      else p.checkField(at, 'nodePort', portNumber(port.nodePort));
      if (type === 'ClusterIP') p.add(`${at}.nodePort`, 'may not be used when the type is ClusterIP');
      const nodeKey = `${protocol}/${String(port.nodePort)}`;
      if (nodePorts.has(nodeKey)) p.add(`${at}.nodePort`, `duplicates another node port (${nodeKey})`);
      nodePorts.add(nodeKey);
    }
    const appProtocol = textOf(port.appProtocol);
    if (appProtocol !== undefined) p.checkField(at, 'appProtocol', qualifiedName(appProtocol));
  });
  if (spec.selector !== undefined) labelProblems(p, spec.selector, 'spec.selector');
  oneOf(p, spec.sessionAffinity, 'spec.sessionAffinity', SESSION_AFFINITIES);
  const ranges = items(spec.loadBalancerSourceRanges);
  if (ranges.length > 0 && type !== 'LoadBalancer') p.add('spec.loadBalancerSourceRanges', 'may be set only when the type is LoadBalancer');
  ranges.forEach((range, i) => {
    if (!CIDR_TEXT.test(textOf(range)?.trim() ?? '')) p.add(`spec.loadBalancerSourceRanges[${i}]`, 'must be a CIDR such as 10.0.0.0/8');
  });
  items(spec.externalIPs).forEach((ip, i) => {
    if (isIP(textOf(ip) ?? '') === 0) p.add(`spec.externalIPs[${i}]`, 'must be an IP address');
  });
  const external = type === 'LoadBalancer' || type === 'NodePort' || items(spec.externalIPs).length > 0;
  if (spec.externalTrafficPolicy !== undefined) {
    if (!external) p.add('spec.externalTrafficPolicy', 'may be set only for a Service reachable from outside the cluster');
    else oneOf(p, spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', TRAFFIC_POLICIES);
  }
  oneOf(p, spec.internalTrafficPolicy, 'spec.internalTrafficPolicy', TRAFFIC_POLICIES);
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    p.add('spec.allocateLoadBalancerNodePorts', 'may be set only when the type is LoadBalancer');
  }
  if (type === 'ExternalName') {
    const externalName = (textOf(spec.externalName) ?? '').replace(TRAILING_DOT, '');
    if (externalName === '') p.add('spec.externalName', 'is required when the type is ExternalName');
    else p.check('spec.externalName', dns1123Subdomain(externalName));
  }
}

export function endpointsProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1123Subdomain);
  items(object.subsets).forEach((entry, s) => {
    const subset = fields(entry);
    const at = `subsets[${s}]`;
    const addresses = items(subset.addresses);
    const notReady = items(subset.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) p.add(at, 'must have addresses or notReadyAddresses');
    for (const [list, entries] of [['addresses', addresses], ['notReadyAddresses', notReady]] as const) {
      entries.forEach((address, a) => endpointAddressProblems(p, fields(address), `${at}.${list}[${a}]`));
    }
    const ports = items(subset.ports);
    ports.forEach((portEntry, i) => {
      const port = fields(portEntry);
      const portPath = `${at}.ports[${i}]`;
      const name = textOf(port.name) ?? '';
      if (name === '' && ports.length > 1) p.add(`${portPath}.name`, 'is required when the subset has more than one port');
      else if (name !== '') p.checkField(portPath, 'name', dns1123Label(name));
      if (typeof port.port !== 'number') p.add(`${portPath}.port`, 'is required');
      else p.checkField(portPath, 'port', portNumber(port.port));
      oneOf(p, port.protocol, `${portPath}.protocol`, PROTOCOLS);
    });
  });
}

function endpointAddressProblems(p: Problems, address: Fields, path: string): void {
  const ip = textOf(address.ip) ?? '';
  if (isIP(ip) === 0) p.add(`${path}.ip`, 'must be an IP address');
  else if (isSpecialIP(ip)) p.add(`${path}.ip`, 'may not be unspecified, loopback or link-local');
  const hostname = textOf(address.hostname);
  if (hostname !== undefined && hostname !== '') p.checkField(path, 'hostname', dns1123Label(hostname));
  const nodeName = textOf(address.nodeName);
  if (nodeName !== undefined) p.checkField(path, 'nodeName', dns1123Subdomain(nodeName));
}

/** Unspecified, loopback, link-local unicast or link-local multicast (ValidateNonSpecialIP). */
function isSpecialIP(ip: string): boolean {
  return isIP(ip) === 4 ? IPV4_SPECIAL.test(ip) : IPV6_SPECIAL.test(ip);
}
