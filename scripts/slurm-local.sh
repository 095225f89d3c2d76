#!/bin/sh
# A one-node Slurm cluster on this machine, for testing the study's Slurm runner (scripts/test-slurm.sh).
#
#   scripts/slurm-local.sh start DIR   writes DIR/slurm.conf for this host, starts munged, slurmctld and
#                                      slurmd (the daemons' foreground form, backgrounded: no systemd), waits
#                                      until the node is idle, and writes DIR/env, the line that exports
#                                      SLURM_CONF, for the caller to source (`. DIR/env`)
#   scripts/slurm-local.sh stop DIR    stops every daemon it started, by the PIDs recorded in DIR
#
# It installs nothing: slurm-wlm and munge come from `make setup` (scripts/setup-system.sh); when one of
# their commands is missing it says so, names `make setup` and exits 69. It prints nothing on standard output;
# its progress and diagnostics go to standard error.
# Everything lives in DIR (configuration, keys, state, logs, sockets). The ports (16817, 16818) stay clear
# of a system Slurm's defaults; SLURM_TEST_PORT changes the first.
set -eu
action=${1:?usage: slurm-local.sh start|stop DIR}
dir=${2:?usage: slurm-local.sh start|stop DIR}

stop() {
    for daemon in slurmd slurmctld munged; do
        if [ -f "$dir/$daemon.pid" ]; then
            pid=$(cat "$dir/$daemon.pid")
            kill "$pid" 2>/dev/null || true
            for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -9 "$pid" 2>/dev/null || true
            rm -f "$dir/$daemon.pid"
        fi
    done
}

if [ "$action" = stop ]; then
    stop
    exit 0
fi
[ "$action" = start ] || { echo "usage: slurm-local.sh start|stop DIR" >&2; exit 64; }

missing=""
for command in slurmctld slurmd sbatch sinfo munged; do
    command -v "$command" >/dev/null 2>&1 || missing="$missing $command"
done
if [ -n "$missing" ]; then
    echo "slurm-local: not installed:$missing; run 'make setup' (it installs slurm-wlm and munge, as root or through sudo)" >&2
    exit 69
fi

mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
dir=$(cd "$dir" && pwd)
host=$(hostname -s)
port=${SLURM_TEST_PORT:-16817}
user=$(id -un)
cat > "$dir/slurm.conf" <<CONF
# One node, this host; written by scripts/slurm-local.sh.
ClusterName=udl-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pidfile
SlurmdPidFile=$dir/slurmd.pidfile
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
MaxArraySize=100001
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

if [ ! -f "$dir/munge/munge.key" ]; then
    mungekey --create --keyfile="$dir/munge/munge.key" >&2 2>/dev/null || \
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
    chmod 600 "$dir/munge/munge.key"
fi
munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" >&2
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -f "$dir/munge/munged.pid" ] && break; sleep 0.3; done
cp "$dir/munge/munged.pid" "$dir/munged.pid"

SLURM_CONF="$dir/slurm.conf" slurmctld -D -f "$dir/slurm.conf" -i > "$dir/slurmctld.out" 2>&1 &
echo $! > "$dir/slurmctld.pid"
SLURM_CONF="$dir/slurm.conf" slurmd -D -f "$dir/slurm.conf" > "$dir/slurmd.out" 2>&1 &
echo $! > "$dir/slurmd.pid"

state=""
for _ in $(seq 1 60); do
    state=$(SLURM_CONF="$dir/slurm.conf" sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1)
    [ "$state" = idle ] && break
    sleep 0.5
done
if [ "$state" != idle ]; then
    echo "slurm-local: the node did not come up (state '${state:-none}'); logs in $dir" >&2
    tail -n 5 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 2>/dev/null || true
    stop
    exit 69
fi
printf 'export SLURM_CONF=%s\n' "$dir/slurm.conf" > "$dir/env"
echo "slurm-local: node $host idle; . $dir/env sets SLURM_CONF" >&2
