# Shared helpers for ./run and ./test. Source it; it does not run anything by itself.
# Expects to be sourced with the repository root as the current directory.

# The packages the tests need from Debian: chromium for the browser tests, poppler-utils and
# qpdf to inspect generated PDFs, DejaVu so rendered text has a font with Swedish glyphs.
JUSTERA_DEBIAN_PACKAGES=(chromium poppler-utils qpdf fonts-dejavu-core)

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# npm ci when node_modules is missing or older than package-lock.json. npm writes
# node_modules/.package-lock.json on every install, so that file's age is the install's age.
ensure_node_modules() {
    command -v npm >/dev/null 2>&1 || fail "npm is not installed (needed for Azurite and maildev; Node.js 20 or newer)."
    local marker=node_modules/.package-lock.json
    if [[ ! -d node_modules || ! -f $marker || package-lock.json -nt $marker ]]; then
        say "==> npm ci (Azurite and maildev, pinned in package-lock.json)"
        npm ci --no-audit --no-fund
    fi
}

# Installs missing Debian packages when we are root with apt-get; otherwise names them and exits.
ensure_debian_packages() {
    local missing=() pkg
    if ! command -v dpkg-query >/dev/null 2>&1; then
        fail "dpkg-query not found, so the required packages cannot be checked: $* (this script expects Debian)."
    fi
    for pkg in "$@"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    ((${#missing[@]} == 0)) && return 0

    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "==> apt-get install ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    else
        fail "missing Debian packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}"
    fi
}

# True when a TCP port is taken. ss also sees listeners on other addresses (::1, 0.0.0.0) that
# would still make our bind fail; /dev/tcp is the fallback that needs nothing installed (the
# subshell keeps the opened descriptor out of this shell).
port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Fails naming the first port that is already taken.
require_free_ports() {
    local port
    for port in "$@"; do
        if port_in_use "$port"; then
            fail "port $port is already in use (another ./run, Azurite or maildev?); stop that process first."
        fi
    done
}
