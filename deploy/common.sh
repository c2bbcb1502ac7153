# Shared by deploy/aws.sh and deploy/azure.sh (sourced, not run).
#
# DRY_RUN=1 prints every command with its parameters and runs none: no credentials, no CLI
# needed. Values another command would have answered are shown as <placeholders>. Secrets are
# never printed: they travel in files made for one command and removed after it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN="${DRY_RUN:-}"
cd "$ROOT"

say() { printf '== %s\n' "$*" >&2; }

# Prints the command as it would be typed (on stderr, beside the script's own words), then runs
# it (unless DRY_RUN).
run() {
    shown "$@"
    if [[ -z "$DRY_RUN" ]]; then
        "$@"
    fi
}

# `+ command args`, each argument quoted only where the shell would need it.
shown() {
    local line="+" arg
    for arg in "$@"; do
        if [[ "$arg" =~ ^[A-Za-z0-9_./:=@%+,-]*$ && -n "$arg" ]]; then
            line+=" $arg"
        else
            line+=" ${arg@Q}"
        fi
    done
    printf '%s\n' "$line" >&2
}

# Runs a command whose answer a later command needs; in a dry run the answer is `placeholder`.
answer() {
    local placeholder="$1"
    shift
    shown "$@"
    if [[ -n "$DRY_RUN" ]]; then
        printf '%s' "$placeholder"
    else
        "$@"
    fi
}

# dev, test or prod; anything else stops here.
checked_stage() {
    case "${1:-}" in
        dev | test | prod) printf '%s' "$1" ;;
        *)
            echo "STAGE must be dev, test or prod, not '${1:-}'" >&2
            exit 2
            ;;
    esac
}

need() {
    if [[ -z "$DRY_RUN" ]] && ! command -v "$1" >/dev/null 2>&1; then
        echo "$1 is needed: $2" >&2
        exit 3
    fi
}

# Prod is destroyed only with CONFIRM=<its stack or group name> ($1); $2 says what else it takes.
confirmed() {
    if [[ "$STAGE" == prod && "${CONFIRM:-}" != "$1" ]]; then
        echo "destroying prod needs CONFIRM=$1 ${2:-}" >&2
        exit 4
    fi
}

# Runs the sourcing script's `deploy` or `destroy`, as its first argument asks.
perform() {
    case "${1:-}" in
        deploy) deploy ;;
        destroy) destroy ;;
        *)
            echo "usage: $0 deploy|destroy dev|test|prod" >&2
            exit 2
            ;;
    esac
}
