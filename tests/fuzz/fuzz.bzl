"""fuzzer(name, srcs, libs): a libFuzzer binary NAME.bin built by clang.

The harness and the .cc files among `srcs` are compiled together with
-fsanitize=fuzzer,address,undefined (headers in `srcs` are inputs only); `libs` are
extra linker arguments (Debian libraries, not instrumented). A genrule, so that the
default C++ toolchain stays GCC.
"""

def fuzzer(name, srcs, libs = []):
    native.genrule(
        name = name,
        srcs = srcs,
        outs = [name + ".bin"],
        cmd = ("srcs=; for f in $(SRCS); do case $$f in *.cc) srcs=\"$$srcs $$f\";; esac; done; " +
               "clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined " +
               "-fno-sanitize-recover=undefined -I. $$srcs " + " ".join(libs) + " -o $@"),
    )
