#!/bin/sh
# voiceplane backup (BackupSchedule): dump one store, compress, encrypt for the backup key, upload,
# then delete copies older than the retention. Runs as a non-root user on a read-only root; all
# scratch space is /tmp. Credentials come only from the environment (Secret references) and the
# pod's cloud identity.
#   KIND            postgres | redis | data
#   DESTINATION     s3://bucket/prefix | https://account.blob.core.windows.net/container/prefix | /backups/prefix
#   RETENTION_DAYS  copies older than this are deleted (on Azure by the container's lifecycle rule)
set -eu
: "${KIND:?}" "${DESTINATION:?}" "${RETENTION_DAYS:?}"
export HOME=/tmp GNUPGHOME=/tmp/gnupg
mkdir -p "$GNUPGHOME" /tmp/work
chmod 700 "$GNUPGHOME"
stamp=$(date -u +%Y%m%dT%H%M%SZ)

case "$KIND" in
  postgres)
    file="/tmp/work/postgres-$stamp.sql.gz"
    PGPASSWORD="$DB_PASSWORD" pg_dump -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -d "$DB_NAME" --no-owner --no-privileges \
      | gzip -9 > "$file" ;;
  redis)
    file="/tmp/work/redis-$stamp.rdb.gz"
    REDISCLI_AUTH="${REDIS_PASSWORD:-}" redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --rdb /tmp/work/dump.rdb
    gzip -9 -c /tmp/work/dump.rdb > "$file"
    rm -f /tmp/work/dump.rdb ;;
  data)
    file="/tmp/work/data-$stamp.tar.gz"
    tar -C /data -czf "$file" . ;;
  *)
    echo "unknown KIND '$KIND'; expected postgres, redis or data" >&2
    exit 2 ;;
esac

# Encrypted for the public key only: the private key never enters the cluster.
gpg --batch --yes --trust-model always --recipient-file /keys/BACKUP_GPG_PUBLIC_KEY --output "$file.gpg" --encrypt "$file"
rm -f "$file"
name=$(basename "$file.gpg")
cutoff_epoch=$(( $(date +%s) - RETENTION_DAYS * 86400 ))
cutoff=$(date -u -d "@$cutoff_epoch" +%Y-%m-%dT%H:%M:%SZ)

case "$DESTINATION" in
  s3://*)
    aws s3 cp --only-show-errors --sse aws:kms "$file.gpg" "$DESTINATION/$name"
    path=${DESTINATION#s3://}
    bucket=${path%%/*}
    prefix=${path#*/}
    aws s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix/" \
        --query "Contents[?LastModified<'$cutoff'].Key" --output text \
      | tr '\t' '\n' | grep -v -e '^None$' -e '^$' \
      | while read -r key; do aws s3 rm --only-show-errors "s3://$bucket/$key"; done ;;
  https://*)
    export AZCOPY_AUTO_LOGIN_TYPE=WORKLOAD AZCOPY_LOG_LOCATION=/tmp AZCOPY_JOB_PLAN_LOCATION=/tmp
    azcopy copy "$file.gpg" "$DESTINATION/$name" --output-level quiet
    # Blob Storage expires old copies itself: infra's lifecycle rule on the container deletes blobs under
    # each prefix after its retention, so the job needs no delete permission at all.
    cutoff="(lifecycle rule)" ;;
  /*)
    mkdir -p "$DESTINATION"
    cp "$file.gpg" "$DESTINATION/$name"
    find "$DESTINATION" -type f -name '*.gpg' -mtime "+$RETENTION_DAYS" -delete ;;
  *)
    echo "unsupported DESTINATION '$DESTINATION'" >&2
    exit 2 ;;
esac
rm -f "$file.gpg"
echo "backup of $KIND written to $DESTINATION/$name; copies before $cutoff removed"
