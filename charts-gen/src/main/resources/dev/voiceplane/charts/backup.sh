#!/bin/sh
# voiceplane backup (BackupSchedule): dump one store, compress, encrypt for the backup key, upload,
# then delete copies older than the retention. Runs as a non-root user on a read-only root; all
# scratch space is /tmp. Credentials come only from the environment (Secret references) and the
# pod's cloud identity.
#   KIND            postgres | redis | data
#   DESTINATION     s3://bucket/prefix | https://account.blob.core.windows.net/container/prefix | /backups/prefix
#   RETENTION_DAYS  copies older than this are deleted (on Azure by the container's lifecycle rule)
#   MODE            backup (the default) | restore
#   WALG_*_PREFIX   (postgres, WalArchiving) where WAL-G keeps base backups and archived WAL: a run also
#                   takes a physical base backup for point-in-time recovery
# `voiceplane restore` runs the same script from the same pod template with MODE=restore,
# BACKUP_NAME=<file name of a copy under DESTINATION> and the private key mounted at /restore-key
# (a Secret the operator creates for the restore only): it fetches the copy, decrypts it and loads it.
# With RESTORE_TARGET_TIME=<time> instead (postgres, its data volume mounted at /restore-target, run as the
# postgres user) it prepares a point-in-time recovery: the newest base backup finished before that time,
# and the recovery settings PostgreSQL replays the archived WAL with when it starts.
set -eu
: "${KIND:?}" "${DESTINATION:?}" "${RETENTION_DAYS:?}"
export HOME=/tmp GNUPGHOME=/tmp/gnupg
mkdir -p "$GNUPGHOME" /tmp/work
chmod 700 "$GNUPGHOME"
walg_configured() { [ -n "${WALG_S3_PREFIX:-}${WALG_AZ_PREFIX:-}${WALG_FILE_PREFIX:-}" ]; }

if [ "${MODE:-backup}" = restore ] && [ -n "${RESTORE_TARGET_TIME:-}" ]; then
  [ "$KIND" = postgres ] || { echo "point-in-time restore is for postgres, not KIND '$KIND'" >&2; exit 2; }
  walg_configured || { echo "no WAL archive is configured (WALG_*_PREFIX): this PostgreSQL has no point-in-time recovery" >&2; exit 2; }
  [ -d /restore-target ] || { echo "/restore-target (the postgres data volume) is not mounted" >&2; exit 2; }
  target=$(date -u -d "$RESTORE_TARGET_TIME" +%s) || { echo "RESTORE_TARGET_TIME '$RESTORE_TARGET_TIME' is not a time" >&2; exit 2; }
  [ "$target" -le "$(date -u +%s)" ] || { echo "RESTORE_TARGET_TIME '$RESTORE_TARGET_TIME' is in the future" >&2; exit 2; }
  export WALG_PGP_KEY_PATH=/restore-key/BACKUP_GPG_PRIVATE_KEY
  if [ -f /restore-key/BACKUP_GPG_PASSPHRASE ]; then WALG_PGP_KEY_PASSPHRASE=$(cat /restore-key/BACKUP_GPG_PASSPHRASE); export WALG_PGP_KEY_PASSPHRASE; fi
  # Replay starts from the newest base backup that had finished by the target time.
  wal-g backup-list --detail --json | jq -r '.[] | "\(.finish_time) \(.backup_name)"' > /tmp/work/bases
  base=""; best=0
  while read -r finished name; do
    at=$(date -u -d "$finished" +%s)
    if [ "$at" -le "$target" ] && [ "$at" -ge "$best" ]; then best=$at; base=$name; fi
  done < /tmp/work/bases
  [ -n "$base" ] || { echo "no base backup finished before $RESTORE_TARGET_TIME (see wal-g backup-list): the archive starts later" >&2; exit 3; }
  rm -rf /restore-target/pgdata.restoring
  wal-g backup-fetch /restore-target/pgdata.restoring "$base"
  chmod 700 /restore-target/pgdata.restoring
  # PostgreSQL fetches each archived segment with the private key the restore mounts, stops at the target and
  # promotes (https://www.postgresql.org/docs/15/runtime-config-wal.html#RUNTIME-CONFIG-WAL-RECOVERY-TARGET).
  {
    echo "restore_command = 'WALG_PGP_KEY_PATH=/restore-key/BACKUP_GPG_PRIVATE_KEY WALG_PGP_KEY_PASSPHRASE=\"\$(cat /restore-key/BACKUP_GPG_PASSPHRASE 2>/dev/null)\" /walg/wal-g wal-fetch %f %p'"
    echo "recovery_target_time = '$RESTORE_TARGET_TIME'"
    echo "recovery_target_action = 'promote'"
  } >> /restore-target/pgdata.restoring/postgresql.auto.conf
  touch /restore-target/pgdata.restoring/recovery.signal
  # Only now is the live directory replaced, and it is kept, not deleted: remove it once the restore is checked.
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  if [ -d /restore-target/pgdata ]; then mv /restore-target/pgdata "/restore-target/pgdata.before-$stamp"; fi
  mv /restore-target/pgdata.restoring /restore-target/pgdata
  echo "prepared point-in-time recovery of postgres to $RESTORE_TARGET_TIME from base backup $base; the data it replaced is in pgdata.before-$stamp"
  exit 0
fi


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

if [ "$KIND" = postgres ] && walg_configured; then
  # The base backup point-in-time recovery replays archived WAL onto, streamed over the replication
  # protocol (WAL-G's remote backup-push: no access to the data directory needed).
  PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USERNAME" PGPASSWORD="$DB_PASSWORD" wal-g backup-push
  # In the cloud the bucket's lifecycle rule expires base backups and WAL with the dumps; on disk WAL-G does.
  case "$DESTINATION" in /*) wal-g delete retain FULL "$RETENTION_DAYS" --use-sentinel-time --confirm ;; esac
  echo "base backup for point-in-time recovery written to ${WALG_S3_PREFIX:-${WALG_AZ_PREFIX:-${WALG_FILE_PREFIX:-}}}"
fi
