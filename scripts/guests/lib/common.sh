# Shared by the guest build scripts (sourced, not run). Everything here works on an image file: no loop device,
# no mount, so a build needs no privilege beyond writing files (root only for debootstrap's chroot).
#
# Disk layout every guest uses (MBR, BIOS boot through SeaBIOS):
#   sector 0        syslinux mbr.bin + partition table
#   1 MiB           partition 1: FAT "URSABOOT", bootable: ldlinux.sys, syslinux.cfg, vmlinuz, initrd
#   1 MiB + boot    partition 2: ext4 "ursa-root": the root filesystem (built with mkfs.ext4 -d)
# A FAT boot partition because syslinux installs into a FAT image through mtools, while extlinux (ext4) needs
# the filesystem mounted, i.e. a loop device.

guest_cache_dir() {
  echo "${URSA_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ursa/guests}"
}

# guest_need CMD PACKAGE...: fails with the apt package to install when a tool is missing.
guest_need() {
  local cmd=$1
  shift
  if ! command -v "$cmd" >/dev/null 2>&1 && [[ ! -x "/usr/sbin/$cmd" && ! -x "/sbin/$cmd" ]]; then
    echo "error: '$cmd' is missing: apt-get install $*" >&2
    exit 1
  fi
}

# guest_stamp FILE...: sha256 over the build's inputs (the script and the files it copies into the guest), so
# a cached image is rebuilt exactly when the recipe changed.
guest_stamp() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

# guest_kernel_deb CACHE: path of a cached Debian kernel package, downloaded from the apt mirror on first use.
# The newest cached one is reused, so a rebuild does not depend on the mirror once a kernel is cached.
guest_kernel_deb() {
  local debs="$1/debs" deb pkg
  mkdir -p "$debs"
  if [[ -n "${URSA_GUEST_KERNEL_PACKAGE:-}" ]]; then
    pkg=$URSA_GUEST_KERNEL_PACKAGE
  else
    deb=$(ls -1v "$debs"/linux-image-*-amd64_*.deb 2>/dev/null | tail -n 1 || true)
    if [[ -n "$deb" ]]; then
      echo "$deb"
      return
    fi
    # linux-image-amd64 is the metapackage; its dependency names the current kernel (linux-image-6.1.0-NN-amd64).
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    if [[ -z "$pkg" ]]; then
      echo "error: apt-cache knows no linux-image-amd64; run apt-get update" >&2
      exit 1
    fi
  fi
  deb=$(ls -1v "$debs/${pkg}"_*.deb 2>/dev/null | tail -n 1 || true)
  if [[ -z "$deb" ]]; then
    echo "guests: downloading $pkg from the apt mirror" >&2
    # apt-get download writes into the current directory; -o quiets the _apt sandbox warning when run as root.
    (cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >/dev/null) || {
      echo "error: apt-get download $pkg failed (apt-get update may help)" >&2
      exit 1
    }
    deb=$(ls -1v "$debs/${pkg}"_*.deb | tail -n 1)
  fi
  echo "$deb"
}

# guest_syslinux_cfg APPEND: a syslinux.cfg that boots /vmlinuz with /initrd at once (no menu, no timeout).
guest_syslinux_cfg() {
  cat <<EOF
SERIAL 0 115200
DEFAULT ursa
PROMPT 0
TIMEOUT 0
LABEL ursa
  LINUX /vmlinuz
  INITRD /initrd
  APPEND $1
EOF
}

# guest_boot_partition IMAGE SIZE_MIB VMLINUZ INITRD CFG: a FAT image with syslinux installed and the files copied.
guest_boot_partition() {
  local image=$1 size=$2 vmlinuz=$3 initrd=$4 cfg=$5
  rm -f "$image"
  mkfs.fat -C -n URSABOOT "$image" $((size * 1024)) >/dev/null
  syslinux --install "$image"
  # mtools refuses images whose geometry looks odd to it; these are plain files we just made.
  MTOOLS_SKIP_CHECK=1 mcopy -i "$image" "$vmlinuz" ::/vmlinuz
  MTOOLS_SKIP_CHECK=1 mcopy -i "$image" "$initrd" ::/initrd
  MTOOLS_SKIP_CHECK=1 mcopy -i "$image" "$cfg" ::/syslinux.cfg
}

# guest_root_partition IMAGE SIZE_MIB ROOTFS: ext4 labelled ursa-root holding ROOTFS. Inode tables and the
# journal are zeroed now (not lazily by the guest kernel, which would cost guest CPU and overlay space on first
# boot); the zeros cost nothing in the qcow2.
guest_root_partition() {
  local image=$1 size=$2 rootfs=$3
  rm -f "$image"
  mkfs.ext4 -q -F -L ursa-root -m 0 -E lazy_itable_init=0,lazy_journal_init=0,root_owner=0:0 -d "$rootfs" "$image" "${size}M"
}

# guest_le32 N: N as 4 little-endian bytes, printf-escaped.
guest_le32() {
  printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}

# guest_partition_entry BOOTABLE TYPE START_SECTOR SECTORS: one 16-byte MBR entry (LBA only; CHS set to the
# "use LBA" marker FE FF FF, which SeaBIOS and Linux accept).
guest_partition_entry() {
  local flag=00
  [[ $1 -eq 1 ]] && flag=80
  printf "\\x$flag\\xfe\\xff\\xff\\x$2\\xfe\\xff\\xff$(guest_le32 "$3")$(guest_le32 "$4")"
}

# guest_assemble_disk RAW BOOT_IMAGE ROOT_IMAGE: RAW = syslinux MBR + partition table + the two partitions.
guest_assemble_disk() {
  local raw=$1 boot=$2 root=$3
  local boot_sectors=$(($(stat -c %s "$boot") / 512)) root_sectors=$(($(stat -c %s "$root") / 512))
  local boot_start=2048
  local root_start=$((boot_start + boot_sectors))
  local mbr=/usr/lib/syslinux/mbr/mbr.bin
  [[ -f $mbr ]] || { echo "error: $mbr is missing: apt-get install syslinux-common" >&2; exit 1; }
  rm -f "$raw"
  truncate -s $(((root_start + root_sectors) * 512)) "$raw"
  dd if="$mbr" of="$raw" bs=440 count=1 conv=notrunc status=none
  {
    guest_partition_entry 1 0c "$boot_start" "$boot_sectors"
    guest_partition_entry 0 83 "$root_start" "$root_sectors"
  } | dd of="$raw" bs=1 seek=446 conv=notrunc status=none
  printf '\x55\xaa' | dd of="$raw" bs=1 seek=510 conv=notrunc status=none
  dd if="$boot" of="$raw" bs=1M seek=1 conv=notrunc,sparse status=none
  dd if="$root" of="$raw" bs=512 seek="$root_start" conv=notrunc,sparse status=none
}

# guest_module_closure MODDIR NAME...: module file paths (relative to MODDIR) of NAME and everything they need,
# dependencies first, each once: the order an initramfs must insmod them in (virtio_ring before virtio, ...).
# Reads each module's depends= field, so it needs no depmod/modules.dep.
guest_module_closure() {
  local moddir=$1
  shift
  declare -gA _guest_seen=()
  declare -ga _guest_order=()
  local name
  for name in "$@"; do
    _guest_visit "$moddir" "$name"
  done
  printf '%s\n' "${_guest_order[@]}"
}

_guest_visit() {
  local moddir=$1 name=${2//-/_} file dep deps
  [[ -n "${_guest_seen[$name]:-}" ]] && return
  _guest_seen[$name]=1
  # Module file names mix - and _ (virtio-rng.ko is module virtio_rng).
  file=$(cd "$moddir" && find kernel -name "${name}.ko" -o -name "${name//_/-}.ko" | head -n 1)
  if [[ -z "$file" ]]; then
    echo "error: kernel module $name not found under $moddir" >&2
    exit 1
  fi
  deps=$(tr '\0' '\n' <"$moddir/$file" | sed -n 's/^depends=//p' | head -n 1)
  for dep in ${deps//,/ }; do
    _guest_visit "$moddir" "$dep"
  done
  _guest_order+=("$file")
}
