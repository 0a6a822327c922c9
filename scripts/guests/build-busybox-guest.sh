#!/usr/bin/env bash
# Builds OUT_DIR/busybox-guest.qcow2: a VM disk that boots in seconds (syslinux on the disk, Debian's kernel, a
# small initramfs with the virtio modules, a busybox-static root on ext4). Only Debian packages from the apt
# mirror are used; the kernel package is downloaded once into the cache, never installed on the host.
# Cached: rebuilt only when this script or the guest files it copies change (stamp beside the image).
# Usage: scripts/guests/build-busybox-guest.sh OUT_DIR        (see scripts/guests/README.md for the guest contract)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"

[[ $# -eq 1 ]] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
image="$out/busybox-guest.qcow2"
stamp_file="$out/busybox-guest.stamp"
files=(init inittab profile rcS hotplug seed shutdown power-button udhcpc.script)
stamp=$(guest_stamp "$0" "$here/lib/common.sh" "${files[@]/#/$here/busybox/}")

cache=$(guest_cache_dir)
mkdir -p "$cache/work"
# One build at a time per cache (ursa up and a test may race); the loser finds the image done.
exec 9>"$cache/.busybox-guest.lock"
flock 9
if [[ -f "$image" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" ]]; then
  echo "$image"
  exit 0
fi
# Left by a build that was killed (SIGKILL skips the EXIT trap); no other build runs while we hold the lock.
rm -rf "$cache"/work/busybox.*

for tool in mkfs.fat:dosfstools syslinux:syslinux mcopy:mtools mkfs.ext4:e2fsprogs qemu-img:qemu-utils cpio:cpio apt-get:apt; do
  guest_need "${tool%%:*}" "${tool#*:}"
done
busybox=${URSA_GUEST_BUSYBOX:-/bin/busybox}
[[ -x "$busybox" ]] && ! ldd "$busybox" >/dev/null 2>&1 || { echo "error: $busybox is not a static busybox: apt-get install busybox-static" >&2; exit 1; }

started=$(date +%s.%N)
deb=$(guest_kernel_deb "$cache")
work=$(mktemp -d "$cache/work/busybox.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The kernel package, unpacked here only (about 400 MB, 5 s); the host's /boot and /lib/modules are untouched.
dpkg-deb -x "$deb" "$work/kernel"
kver=$(basename "$(ls -d "$work"/kernel/lib/modules/*)")
moddir="$work/kernel/lib/modules/$kver"

# link_applets ROOT: /bin/busybox plus one symlink per applet at the path busybox itself reports.
link_applets() {
  local root=$1 applet
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list-full); do
    [[ "$applet" == bin/busybox || -e "$root/$applet" ]] || ln -s /bin/busybox "$root/$applet"
  done
}

# initramfs: busybox, /init and the modules (dependencies first). crc32c before ext4: ext4's metadata checksums
# reach it through the crypto API (a softdep, not a depends=). evdev + button: the power button for acpid.
initramfs="$work/initramfs"
mkdir -p "$initramfs"/{dev,proc,sys,newroot,lib/modules}
link_applets "$initramfs"
ln -sf busybox "$initramfs/bin/sh"
install -m 0755 "$here/busybox/init" "$initramfs/init"
modules=(virtio_pci virtio_blk virtio_net virtio_console virtio_balloon virtio_mem virtio_rng crc32c_generic ext4 isofs button evdev)
guest_module_closure "$moddir" "${modules[@]}" | while read -r rel; do
  cp "$moddir/$rel" "$initramfs/lib/modules/"
  basename "$rel"
done >"$initramfs/lib/modules/load.order"
(cd "$initramfs" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) | gzip -9 >"$work/initrd"

# Root filesystem.
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{dev,proc,sys,run,tmp,root,mnt,data,etc/init.d,etc/ursa,etc/acpi/PWRF,var/log,var/lib/ursa-guest,usr/share/udhcpc}
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root"
link_applets "$rootfs"
install -m 0755 "$here/busybox/rcS" "$rootfs/etc/init.d/rcS"
install -m 0644 "$here/busybox/inittab" "$rootfs/etc/inittab"
install -m 0644 "$here/busybox/profile" "$rootfs/etc/profile"
install -m 0755 "$here/busybox/hotplug" "$rootfs/etc/ursa/hotplug"
install -m 0755 "$here/busybox/seed" "$rootfs/etc/ursa/seed"
install -m 0755 "$here/busybox/shutdown" "$rootfs/etc/ursa/shutdown"
install -m 0755 "$here/busybox/udhcpc.script" "$rootfs/etc/ursa/udhcpc.script"
install -m 0755 "$here/busybox/power-button" "$rootfs/etc/acpi/PWRF/00000080"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
echo ursa-guest >"$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$rootfs/etc/hosts"
echo "ursa busybox guest, kernel $kver" >"$rootfs/etc/ursa/release"

# quiet: the kernel's own boot log is ~600 lines on the serial console; warnings still show.
cmdline="console=ttyS0 memhp_default_state=online_movable root=LABEL=ursa-root quiet"
guest_syslinux_cfg "$cmdline" >"$work/syslinux.cfg"
guest_boot_partition "$work/boot.img" 24 "$work/kernel/boot/vmlinuz-$kver" "$work/initrd" "$work/syslinux.cfg"
# 1 GiB of root: room for what tests write; only used blocks take space in the qcow2.
guest_root_partition "$work/root.img" 1024 "$rootfs" >/dev/null
guest_assemble_disk "$work/disk.raw" "$work/boot.img" "$work/root.img"
qemu-img convert -f raw -O qcow2 -c "$work/disk.raw" "$work/disk.qcow2"
mv -f "$work/disk.qcow2" "$image"
echo "$stamp" >"$stamp_file"
printf 'guests: built %s (%s, kernel %s) in %.1f s\n' "$image" "$(du -h "$image" | cut -f1)" "$kver" \
  "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" >&2
echo "$image"
