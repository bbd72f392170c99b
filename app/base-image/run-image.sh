#!/usr/bin/env bash
# Runs a docker-save image tarball (such as a service's target/jib-image.tar) without a container
# engine, to check it the way a cluster would run it: its layers unpacked in order, its configured
# user (non-root), entrypoint and environment, a read-only root filesystem with only /tmp writable,
# and /proc mounted. It shares this machine's network, so services reach stores on 127.0.0.1.
# Needs root (for the mount namespace and chroot) and python3.
#
#   app/base-image/run-image.sh IMAGE.tar [NAME=VALUE ...] [-- ARG ...]
set -euo pipefail

image=$(readlink -f "${1:?usage: run-image.sh IMAGE.tar [NAME=VALUE ...] [-- ARG ...]}")
shift
env_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do env_args+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image" "$work/root"
tar -xf "$image" -C "$work/image"

# manifest.json: config and layers (in order); config: user, environment, entrypoint, command.
eval "$(python3 - "$work/image" <<'PY'
import json, shlex, sys
d = sys.argv[1]
m = json.load(open(d + "/manifest.json"))[0]
c = json.load(open(d + "/" + m["Config"]))["config"]
print("layers=(" + " ".join(shlex.quote(l) for l in m["Layers"]) + ")")
print("image_env=(" + " ".join(shlex.quote(e) for e in c.get("Env") or []) + ")")
print("entrypoint=(" + " ".join(shlex.quote(e) for e in (c.get("Entrypoint") or []) + (c.get("Cmd") or [])) + ")")
print("user=" + shlex.quote(c.get("User") or "0:0"))
PY
)"
for layer in "${layers[@]}"; do
    tar -xf "$work/image/$layer" -C "$work/root"
done
mkdir -p "$work/root/proc" "$work/root/tmp"
[ "$#" -gt 0 ] && entrypoint=("${entrypoint[@]:0:${#entrypoint[@]}}" "$@")
echo "running ${entrypoint[*]} as $user (read-only root, tmpfs /tmp)" >&2

# env -i runs outside the image (which has no env binary): it clears this shell's environment and
# hands chroot exactly the image's variables plus the ones given here.
exec unshare --mount --fork -- bash -c '
    root=$1; user=$2; shift 2
    mount --bind "$root" "$root"
    mount -o remount,bind,ro "$root"
    mount -t proc proc "$root/proc"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    exec "$@"
' run-image "$work/root" "$user" \
    env -i "${image_env[@]}" "${env_args[@]}" "$(command -v chroot)" --userspec="$user" "$work/root" "${entrypoint[@]}"
