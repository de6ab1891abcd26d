#!/usr/bin/env bash
# Installs the Debian packages dynsim needs, only those missing, idempotently.
# Sourced by ./run and ./test; third_party/README.md says what each one is for.
DYNSIM_PACKAGES=(
	bazel-bootstrap              # Bazel 4.2.3
	bazel-rules-java             # @rules_java for Bazel's JDK toolchains
	g++                          # host compiler
	libsystemc-dev               # SystemC 2.3.4 with TLM-2.0
	libyaml-cpp-dev              # machine and Dynamo configs
	libboost-program-options-dev # the dynsim CLI
	nlohmann-json3-dev           # the stats and timeline JSON
	libssl-dev                   # SHA-256 of the program in the stats (libcrypto)
	libgtest-dev                 # unit tests
	libbenchmark-dev             # benchmarks
	gcc-hppa-linux-gnu           # guest C compiler (pulls binutils: as, objdump)
	g++-hppa-linux-gnu           # guest C++ compiler (Dynamo, deltablue)
	libc6-dev-hppa-cross         # glibc static libraries and headers for glibc_binary programs
	qemu-user                    # qemu-hppa, the behaviour oracle
	gdb-multiarch                # the client of run --gdb (tests/gdb)
	clang                        # builds the libFuzzer harnesses (tests/fuzz)
	libclang-rt-14-dev           # libFuzzer, AddressSanitizer and UBSan runtimes for clang 14
	python3-yaml                 # experiment files (tools/experiment.py)
	python3-matplotlib           # the experiment reports' plots
)

dynsim_install_packages() {
	local missing=() pkg
	for pkg in "${DYNSIM_PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
			missing+=("$pkg")
		fi
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "Installing missing Debian packages: ${missing[*]}"
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq || return 1
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
}
