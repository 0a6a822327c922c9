#!/usr/bin/env bash
# Installs everything Ursa needs on a fresh Debian 12 machine (root or sudo), restores NuGet packages and builds.
# Idempotent: safe to run again. Usage: scripts/setup.sh [--tests]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
with_tests=0
[[ "${1:-}" == "--tests" ]] && with_tests=1
sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"

need=()
# ursa up runs a real node: containerd with runc and the CNI plugins in a network namespace (iproute2), a local
# registry (docker-registry), and image tools that build the pause and busybox images from busybox-static.
# VM test guests (scripts/guests): syslinux + mtools + dosfstools (boot partition), e2fsprogs, cpio, qemu-utils,
# genisoimage (NoCloud seeds), debootstrap (the Debian guest). VM pods: QEMU (qemu-system-x86) driven over QMP.
for pkg in ca-certificates libsqlite3-0 containerd runc containernetworking-plugins skopeo umoci docker-registry busybox-static iproute2 \
  syslinux syslinux-common mtools dosfstools e2fsprogs cpio qemu-utils genisoimage debootstrap qemu-system-x86; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# kubectl: these machines ship a cloud-SDK kubectl wrapper; elsewhere fall back to Debian's kubectl 1.20.
if ! command -v kubectl >/dev/null 2>&1; then
  need+=(kubernetes-client)
fi
# Test-only packages: etcd (the etcd storage backend's tests start real members on loopback), openssh-client
# (the cloud-init e2e test logs into a VM with the key it gave the pod).
if [[ $with_tests -eq 1 ]]; then
  for pkg in etcd-server etcd-client openssh-client; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
fi
if [[ ${#need[@]} -gt 0 ]]; then
  echo "setup: installing ${need[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
  # Debian starts docker-registry as a service on every interface (:5000); Ursa runs its own registry inside its
  # network namespace and wants no registry on the host.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled docker-registry >/dev/null 2>&1; then
    $sudo_cmd systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
fi

if [[ $with_tests -eq 1 ]]; then
  # The test suite also drives Debian's kubectl 1.20 (older discovery and patch forms). It would collide with
  # /usr/bin/kubectl, so it is unpacked into .tools/ instead of installed.
  k120="$root/.tools/kubernetes-client/usr/bin/kubectl"
  if [[ ! -x "$k120" ]]; then
    echo "setup: unpacking Debian's kubernetes-client into .tools/" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && { apt-get download kubernetes-client >/dev/null 2>&1 || { $sudo_cmd apt-get update -qq && apt-get download kubernetes-client >/dev/null; }; })
    mkdir -p "$root/.tools/kubernetes-client"
    dpkg -x "$tmp"/kubernetes-client_*.deb "$root/.tools/kubernetes-client"
    rm -rf "$tmp"
  fi
fi

echo "setup: restoring and building" >&2
dotnet restore "$root/Ursa.slnx" --nologo -v quiet
dotnet build "$root/src/Ursa/Ursa.csproj" -c Release -o "$root/.artifacts/bin" --nologo -v quiet -clp:ErrorsOnly
touch "$root/.artifacts/bin/ursa.dll"
