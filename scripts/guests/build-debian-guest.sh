#!/usr/bin/env bash
# Builds OUT_DIR/debian-guest.qcow2: a minimal Debian 12 (debootstrap minbase from the configured apt mirror)
# with Debian's kernel, cloud-init (NoCloud only), openssh-server, ifupdown + isc-dhcp-client, a serial getty on
# ttyS0, and syslinux on the disk. Boots to "login:" under TCG in ~20-40 s; cloud-init runs user scripts and
# installs SSH keys from a NoCloud seed. Needs root (debootstrap chroots). Cached like the busybox guest.
# Usage: scripts/guests/build-debian-guest.sh OUT_DIR        (see scripts/guests/README.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

[[ $# -eq 1 ]] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "error: debootstrap needs root" >&2; exit 1; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
image="$out/debian-guest.qcow2"
stamp_file="$out/debian-guest.stamp"
suite=${URSA_GUEST_SUITE:-bookworm}
stamp=$(guest_stamp "$0" "$here/lib/common.sh")

cache=$(guest_cache_dir)
mkdir -p "$cache/work"
exec 9>"$cache/.debian-guest.lock"
flock 9
if [[ -f "$image" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" ]]; then
  echo "$image"
  exit 0
fi
rm -rf "$cache"/work/debian.*

for tool in debootstrap:debootstrap mkfs.fat:dosfstools syslinux:syslinux mcopy:mtools mkfs.ext4:e2fsprogs qemu-img:qemu-utils; do
  guest_need "${tool%%:*}" "${tool#*:}"
done

# The mirror apt already uses (deb822 "URIs:" or one-line "deb URL SUITE"), never anything else.
mirror=${URSA_GUEST_MIRROR:-}
if [[ -z "$mirror" ]]; then
  mirror=$( { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } |
    awk -v s="$suite" '
      /^[[:space:]]*deb[[:space:]]/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { if ($(i + 1) == s) { print $i; exit } } }
      /^URIs:/ { uri = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s && uri != "") { print uri; exit } }')
fi
[[ -n "$mirror" ]] || { echo "error: no apt source for $suite in /etc/apt/sources.list*; set URSA_GUEST_MIRROR" >&2; exit 1; }

started=$(date +%s.%N)
work=$(mktemp -d "$cache/work/debian.XXXXXX")
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts proc/sys in the chroot; never leave them behind.
  for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "guests: debootstrap $suite from $mirror, then apt-get install (a few minutes)" >&2
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}
# The rest through apt inside the chroot: debootstrap's own resolver fails on cloud-init's python stack.
mount -t proc proc "$rootfs/proc"
mount -t sysfs sysfs "$rootfs/sys"
mount --bind /dev "$rootfs/dev"
mount -t devpts devpts "$rootfs/dev/pts"
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" # start no service in the chroot
chmod +x "$rootfs/usr/sbin/policy-rc.d"
packages=(linux-image-amd64 systemd-sysv udev dbus cloud-init openssh-server ifupdown isc-dhcp-client iproute2 netbase sudo)
{
  chroot "$rootfs" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive chroot "$rootfs" apt-get install -y -q --no-install-recommends "${packages[@]}"
} >>"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}
rm -f "$rootfs/usr/sbin/policy-rc.d"

# Guest configuration.
echo "LABEL=ursa-root / ext4 errors=remount-ro 0 1" >"$rootfs/etc/fstab"
echo debian >"$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 debian\n::1 localhost ip6-localhost ip6-loopback\n' >"$rootfs/etc/hosts"
# NoCloud only: no probing of cloud metadata services (none is reachable, each probe costs a timeout).
printf 'datasource_list: [ NoCloud, None ]\n' >"$rootfs/etc/cloud/cloud.cfg.d/90_ursa_datasource.cfg"
# C.UTF-8 is built into libc: cloud-init's default en_US.UTF-8 would need the locales package (and fails without).
printf 'locale: C.UTF-8\n' >"$rootfs/etc/cloud/cloud.cfg.d/90_ursa_locale.cfg"
echo 'LANG=C.UTF-8' >"$rootfs/etc/default/locale"
# With no network-config in the seed cloud-init falls back to DHCP on the first NIC; with no DHCP server
# (Ursa's pod network has none) dhclient would hold boot for 60 s.
sed -i 's/^#\?timeout .*/timeout 10;/' "$rootfs/etc/dhcp/dhclient.conf"
grep -q '^timeout' "$rootfs/etc/dhcp/dhclient.conf" || echo 'timeout 10;' >>"$rootfs/etc/dhcp/dhclient.conf"
# Hot-added CPUs start offline; memory is onlined by memhp_default_state, this rule is the fallback.
cat >"$rootfs/etc/udev/rules.d/80-ursa-hotplug.rules" <<'RULES'
SUBSYSTEM=="cpu", ACTION=="add", TEST=="online", ATTR{online}=="0", ATTR{online}="1"
SUBSYSTEM=="memory", ACTION=="add", TEST=="state", ATTR{state}=="offline", ATTR{state}="online_movable"
RULES
# Debian's initrd (MODULES=most) is 36 MB: unpacking it deadlocks a 256 MiB guest on memory and costs seconds
# under TCG. The guest's hardware is known, so it carries only what mounts the root disk (dependencies are
# added by initramfs-tools); everything else loads from the root filesystem.
printf 'MODULES=list\n' >"$rootfs/etc/initramfs-tools/conf.d/ursa"
printf '%s\n' virtio_pci virtio_blk ext4 >>"$rootfs/etc/initramfs-tools/modules"
chroot "$rootfs" update-initramfs -u -k all >>"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}
# Per-instance identity comes at first boot: machine-id from systemd, SSH host keys from cloud-init.
: >"$rootfs/etc/machine-id"
rm -f "$rootfs"/etc/ssh/ssh_host_*
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log
for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done

vmlinuz=$(ls -1v "$rootfs"/boot/vmlinuz-* | tail -n 1)
initrd=$(ls -1v "$rootfs"/boot/initrd.img-* | tail -n 1)
guest_syslinux_cfg "console=ttyS0 memhp_default_state=online_movable root=LABEL=ursa-root ro quiet" >"$work/syslinux.cfg"
guest_boot_partition "$work/boot.img" 96 "$vmlinuz" "$initrd" "$work/syslinux.cfg"
guest_root_partition "$work/root.img" 3072 "$rootfs" >/dev/null
guest_assemble_disk "$work/disk.raw" "$work/boot.img" "$work/root.img"
qemu-img convert -f raw -O qcow2 -c "$work/disk.raw" "$work/disk.qcow2"
mv -f "$work/disk.qcow2" "$image"
echo "$stamp" >"$stamp_file"
printf 'guests: built %s (%s) in %.0f s\n' "$image" "$(du -h "$image" | cut -f1)" \
  "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" >&2
echo "$image"
