# Sourced by .ci/run and scripts/start.sh: puts Node >= 22.18 on PATH, fetching the official
# binary from the npm registry's node-linux-<arch> package into .tools/ when needed.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}
if ! node_ok; then
  tools_dir="$(pwd)/.tools/node"
  if [ ! -x "$tools_dir/bin/node" ]; then
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "unsupported CPU $(uname -m)" >&2; exit 1 ;; esac
    echo "== fetching Node 22 (node-linux-$arch) from the npm registry"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@22" >/dev/null)
    mkdir -p "$tools_dir"
    tar xzf "$tmp"/node-linux-"$arch"-*.tgz -C "$tools_dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$tools_dir/bin:$PATH"
  node_ok || { echo "could not provide Node >= 22.18" >&2; exit 1; }
fi
