# Checks what Pykälä needs on this machine and installs the Debian packages that are
# missing when run as root. Sourced by scripts/run-example and scripts/test.

say() { printf 'pykala: %s\n' "$*" >&2; }

# require_swift: the Swift 6 toolchain cannot come from apt; say where to get it.
require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        say "Swift 6 is needed and was not found on PATH."
        say "Install a Swift 6.2 or newer toolchain for Linux (swift.org/install) and run this again."
        exit 1
    fi
}

# have_debian_package NAME: true when dpkg knows NAME as installed.
have_debian_package() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# require_packages NAME…: installs the missing Debian packages (as root) or says how to.
require_packages() {
    local missing=()
    for package in "$@"; do
        have_debian_package "$package" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "missing Debian packages: ${missing[*]}"
        say "install them with:  sudo apt-get install -y ${missing[*]}"
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        say "missing packages: ${missing[*]} (and no apt-get here: install their equivalents, then run this again)"
        exit 1
    fi
    say "installing ${missing[*]} …"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# require_postgres: the server programs (initdb, pg_ctl) and libpq's headers.
require_postgres() {
    require_packages postgresql libpq-dev
}

# require_report_tools: headless Chromium prints reports to PDF and PNG; poppler-utils
# (pdftotext, pdfinfo) reads PDFs back in the tests; DejaVu gives the fonts.
require_report_tools() {
    require_packages chromium poppler-utils fonts-dejavu-core
}

# require_portal_tools: schemathesis (from PyPI, a pinned version) checks the open-data API
# against its OpenAPI document in the test suite; curl asks the README's portal for a page.
require_portal_tools() {
    require_packages curl
    command -v schemathesis >/dev/null 2>&1 && return 0
    if ! command -v python3 >/dev/null 2>&1; then
        say "schemathesis is needed for the portal's API checks, and python3 was not found."
        say "Install Python 3 with pip, then: python3 -m pip install schemathesis==4.32.5"
        exit 1
    fi
    say "installing schemathesis 4.32.5 from PyPI …"
    if ! python3 -m pip install --quiet --disable-pip-version-check schemathesis==4.32.5 >&2; then
        say "could not install schemathesis; run: python3 -m pip install schemathesis==4.32.5"
        exit 1
    fi
    hash -r
    if ! command -v schemathesis >/dev/null 2>&1; then
        say "schemathesis was installed but is not on PATH; add pip's script directory ($(python3 -m site --user-base)/bin) to PATH"
        exit 1
    fi
}
