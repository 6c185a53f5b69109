# Installs what ESProxy's scripts need and is missing: Debian packages with apt-get, Python
# packages with pip. Sourced by scripts/test and scripts/demo; idempotent and quiet when all is there.

ESPROXY_APT_PACKAGES=(libcurl4-openssl-dev libssl-dev pkg-config busybox-static openssl zip unzip binutils gcc make perl dpkg-dev chromium chromium-driver)
ESPROXY_PIP_PACKAGES=(botocore awslambdaric pytest jsonschema-specifications jsonschema rfc3339-validator awscli boto3 'moto[server]' parliament selenium)

esproxy_ensure_apt() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

esproxy_ensure_pip() {
    local missing=()
    for p in "$@"; do
        python3 -m pip show -q "${p%%[*}" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing Python packages: ${missing[*]}"
    python3 -m pip install -q --disable-pip-version-check "${missing[@]}" \
        || python3 -m pip install -q --disable-pip-version-check --break-system-packages "${missing[@]}"
}

esproxy_ensure_deps() {
    command -v swift >/dev/null || { echo "error: swift is not on PATH; install Swift 6.3 first" >&2; exit 2; }
    esproxy_ensure_apt "${ESPROXY_APT_PACKAGES[@]}"
    command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1 || esproxy_ensure_apt python3 python3-pip
    esproxy_ensure_pip "${ESPROXY_PIP_PACKAGES[@]}"
}
