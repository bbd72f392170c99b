#!/usr/bin/env bash
# Builds the services' base image offline, as a docker-save tarball Jib reads with tar://:
# a JRE made by jlink from the JDK running the build, the shared libraries it loads (copied from
# this machine at the same paths), /tmp, and a non-root user. No registry, no container engine.
#
#   app/base-image/build.sh OUTPUT.tar
#
# Tar entries have fixed mtimes, owners and order; the jlink output itself may differ between runs.
set -euo pipefail

out=${1:?usage: build.sh OUTPUT.tar}
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
# What the services need: HTTP server and client, JDBC, JMX-free management beans for Micrometer,
# naming for the PostgreSQL driver, XML for logback, EC and TLS for HTTPS to cloud APIs.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,\
java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.localedata,\
jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.charsets
epoch=2026-01-01T00:00:00Z
user_id=65532

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --include-locales=en,hi,ta,te,bn,mr,gu,kn,ml,pa,de --output "$root/opt/java"

# Debian's JDK links cacerts to the system store; the image needs the file itself.
if [ -L "$root/opt/java/lib/security/cacerts" ] || [ ! -s "$root/opt/java/lib/security/cacerts" ]; then
    rm -f "$root/opt/java/lib/security/cacerts"
    cp -L "$jdk/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi

copy_lib() {
    local lib=$1
    [ -e "$root$lib" ] && return 0
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
}
# Everything the JRE's binaries and libraries link against, plus what glibc loads by name at run
# time for host lookups (ldd cannot see those).
{
    find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
        | awk '/=> \//{print $3} /^[[:space:]]*\/[^ ]+ \(/{print $1}'
    # The Azure Speech SDK (realtime-processor's streaming recognition) unpacks native libraries at run
    # time that link libstdc++, libgcc_s and libuuid and dlopen OpenSSL 3 by name
    # (https://learn.microsoft.com/azure/ai-services/speech-service/quickstarts/setup-platform?pivots=programming-language-java).
    for name in libnss_dns.so.2 libnss_files.so.2 libresolv.so.2 \
            libstdc++.so.6 libgcc_s.so.1 libuuid.so.1 libssl.so.3 libcrypto.so.3; do
        ldconfig -p | awk -v n="$name" '!found && $1 == n && /x86-64/ {print $NF; found = 1}'
    done
} | sort -u | while read -r lib; do copy_lib "$lib"; done

mkdir -p "$root/etc" "$root/tmp"
# OpenSSL (the Speech SDK's TLS) reads the system CA bundle, not the JRE's cacerts.
if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$root/etc/ssl/certs"
    cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
fi
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/tmp:/sbin/nologin\n' $user_id $user_id > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:%s:\n' $user_id > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

layer=$work/layer.tar
# Entry names without a leading "./", as registries and image tools write them.
deterministic_tar() { local dir=$1 out=$2; shift 2
    (cd "$dir" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$epoch" -cf "$out" "$@"); }
deterministic_tar "$root" "$layer" $(cd "$root" && ls -A)
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)

image=$work/image
mkdir -p "$image/$diff_id"
mv "$layer" "$image/$diff_id/layer.tar"
cat > "$image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$epoch",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"],"User":"$user_id:$user_id","WorkingDir":"/tmp"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$epoch","created_by":"app/base-image/build.sh: jlink JRE $("$jdk/bin/java" -version 2>&1 | head -1 | tr -d '"')"}]}
JSON
config_id=$(sha256sum "$image/config.json" | cut -d' ' -f1)
mv "$image/config.json" "$image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["voiceplane/jre17:local"],"Layers":["%s/layer.tar"]}]\n' "$config_id" "$diff_id" \
    > "$image/manifest.json"

mkdir -p "$(dirname "$out")"
out=$(readlink -f "$out")
deterministic_tar "$image" "$out" manifest.json "$config_id.json" "$diff_id/layer.tar"
echo "base image: $out ($(du -h "$out" | cut -f1), layer sha256:$diff_id)"
