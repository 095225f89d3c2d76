#!/bin/sh
# The consumer test (part of `make test`): packages that depend on this repository *by version*, as a user's
# package would, each using one library product only.
#
# It clones the committed state of this repository into a temporary folder, tags it 1.0.0, and builds two
# small packages against `.package(url: "file://…", from: "1.0.0")`: one uses only Tensor and must not build
# Plot, NN or ArgumentParser; one uses only Plot. Both run and print values the script checks. SwiftPM
# refuses a versioned dependency whose targets carry unsafe build flags, so this also guards against those.
# Usage: scripts/test-consumers.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "consumers: $*" >&2; exit 1; }

git clone --quiet --no-local "$root" "$work/udl"
git -C "$work/udl" -c user.name=consumer-test -c user.email=consumer@test tag -a 1.0.0 -m "consumer test"

# A package named $1 that depends on udl 1.0.0 by version and uses its product $2 alone; its main.swift is
# read from standard input.
consumer() {
    mkdir -p "$work/$1/Sources/$1"
    cat > "$work/$1/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "$1",
    dependencies: [.package(url: "file://$work/udl", from: "1.0.0")],
    targets: [.executableTarget(name: "$1", dependencies: [.product(name: "$2", package: "udl")])]
)
SWIFT
    cat > "$work/$1/Sources/$1/main.swift"
}

# Tensor alone: NumPy's first normal after seed 0, and a 2×2 product.
consumer tensor-user Tensor <<'SWIFT'
import Tensor

var random = RandomState(seed: 0)
print("first normal: \(random.normal(shape: [1]).scalars[0])")
let product = matmul(try! Tensor([[1, 2], [3, 4]]), try! Tensor([[5, 6], [7, 8]]))
print("product: \(product.scalars)")
SWIFT

# Plot alone: a 320×240 line plot written as PNG.
consumer plot-user Plot <<'SWIFT'
import Plot

let x = (0...100).map { Double($0) / 10 }
let figure = Figure(width: 320, height: 240)
figure.axes().line(x, x.map { $0 * $0 }, label: "x²")
let path = CommandLine.arguments[1]
try figure.write(to: path)
print("wrote \(path)")
SWIFT

for consumer in tensor-user plot-user; do
    echo "consumers: building $consumer against udl 1.0.0"
    (cd "$work/$consumer" && swift build --quiet 2>&1) > "$work/$consumer.log" || { cat "$work/$consumer.log"; fail "$consumer does not build"; }
done

# Only the Tensor product's targets were compiled for tensor-user (SwiftPM lays out a folder for every
# target of the graph, but compiles only those the product needs: no object files, no module).
for target in Plot NN Optim ArgumentParser; do
    if find "$work/tensor-user/.build" \( -path "*/$target.build/*.o" -o -name "$target.swiftmodule" \) | grep -q .; then
        fail "tensor-user compiled $target although it uses only Tensor"
    fi
done
find "$work/tensor-user/.build" -name "Tensor.swiftmodule" | grep -q . || fail "tensor-user: no Tensor module built"

output=$("$work/tensor-user/.build/debug/tensor-user")
echo "$output" | sed 's/^/  tensor-user: /'
echo "$output" | grep -qx "first normal: 1.764052345967664" || fail "tensor-user: NumPy's first normal after seed 0 is 1.764052345967664"
echo "$output" | grep -qx "product: \[19.0, 22.0, 43.0, 50.0\]" || fail "tensor-user: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]"

"$work/plot-user/.build/debug/plot-user" "$work/figure.png" | sed 's/^/  plot-user: /'
signature=$(od -An -tx1 -N8 "$work/figure.png" | tr -d ' \n')
[ "$signature" = "89504e470d0a1a0a" ] || fail "plot-user: figure.png is not a PNG"
size=$(od -An -tu1 -j16 -N8 "$work/figure.png" | awk '{print $3 * 256 + $4 "x" $7 * 256 + $8}')
[ "$size" = "320x240" ] || fail "plot-user: figure.png is $size, expected 320x240"
echo "consumers: ok (Tensor alone without Plot, NN or ArgumentParser; Plot alone; figure.png 320x240)"
