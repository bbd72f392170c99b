#!/bin/sh
# voiceplane backup (BackupSchedule): dump one store, compress, encrypt for the backup key, upload,
# then delete copies older than the retention. Runs as a non-root user on a read-only root; all
# scratch space is /tmp. Credentials come only from the environment (Secret references) and the
# pod's cloud identity.
#   KIND            postgres | redis | data
#   DESTINATION     s3://bucket/prefix | https://account.blob.core.windows.net/container/prefix | /backups/prefix
#   RETENTION_DAYS  copies older than this are deleted (on Azure by the container's lifecycle rule)
#   MODE            backup (the default) | restore
# `voiceplane restore` runs the same script from the same pod template with MODE=restore,
# BACKUP_NAME=<file name of a copy under DESTINATION> and the private key mounted at /restore-key
# (a Secret the operator creates for the restore only): it fetches the copy, decrypts it and loads it.
set -eu
: "${KIND:?}" "${DESTINATION:?}" "${RETENTION_DAYS:?}"
export HOME=/tmp GNUPGHOME=/tmp/gnupg
mkdir -p "$GNUPGHOME" /tmp/work
chmod 700 "$GNUPGHOME"

if [ "${MODE:-backup}" = restore ]; then
  : "${BACKUP_NAME:?}"
  case "$BACKUP_NAME" in */*|..*) echo "BACKUP_NAME '$BACKUP_NAME' must be a file name under $DESTINATION" >&2; exit 2 ;; esac
  copy="/tmp/work/$BACKUP_NAME"
  case "$DESTINATION" in
    s3://*) aws s3 cp --only-show-errors "$DESTINATION/$BACKUP_NAME" "$copy" ;;
    https://*)
      export AZCOPY_AUTO_LOGIN_TYPE=WORKLOAD AZCOPY_LOG_LOCATION=/tmp AZCOPY_JOB_PLAN_LOCATION=/tmp
      azcopy copy "$DESTINATION/$BACKUP_NAME" "$copy" --output-level quiet ;;
    /*) cp "$DESTINATION/$BACKUP_NAME" "$copy" ;;
    *) echo "unsupported DESTINATION '$DESTINATION'" >&2; exit 2 ;;
  esac
  gpg --batch --quiet --import /restore-key/BACKUP_GPG_PRIVATE_KEY
  plain="${copy%.gpg}"
  if [ -f /restore-key/BACKUP_GPG_PASSPHRASE ]; then
    gpg --batch --yes --pinentry-mode loopback --passphrase-file /restore-key/BACKUP_GPG_PASSPHRASE --output "$plain" --decrypt "$copy"
  else
    gpg --batch --yes --output "$plain" --decrypt "$copy"
  fi
  rm -f "$copy"
  case "$KIND" in
    postgres)
      # One transaction: the schema is emptied and reloaded together, or nothing changes.
      { echo 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'; gunzip -c "$plain"; } \
        | PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" -d "$DB_NAME" \
            --single-transaction -v ON_ERROR_STOP=1 --quiet ;;
    redis)
      # Redis reads an RDB only at start: the caller has stopped it and mounted its volume at
      # /restore-target. Without an append-only directory, Redis 7 loads dump.rdb and rebuilds the AOF from it.
      [ -d /restore-target ] || { echo "/restore-target (the redis data volume) is not mounted" >&2; exit 2; }
      gunzip -c "$plain" > /restore-target/dump.rdb.partial
      mv /restore-target/dump.rdb.partial /restore-target/dump.rdb
      rm -rf /restore-target/appendonlydir ;;
    *) echo "restore of KIND '$KIND' is not supported; expected postgres or redis" >&2; exit 2 ;;
  esac
  rm -f "$plain"
  echo "restored $KIND from $DESTINATION/$BACKUP_NAME"
  exit 0
fi
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
